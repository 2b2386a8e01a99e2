"""The identiteitskaart: a map with three parts, passie, opgave and positie.

Common Eye's workshop format for the Identiteit block: every participant puts a dot and
one word in each part, they ask each other "waarom?", and the group reads the spread of
words and names what matters most; the facilitator turns those words into notes.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canvas.models import Note
from canvas.prompts import IDENTITY

WORD_MAX_LENGTH = 30
SPAN = 100  # a position within a part runs from 0 to SPAN, across and down


class Part(models.TextChoices):
    PASSION = "passie", _("Passie")
    TASK = "opgave", _("Opgave")
    POSITION = "positie", _("Positie")


# What each part asks, and the prompt of the Identiteit block its words become notes of
# by default (opgave and positie both answer "Verbinding op positie": "Welke gedeelde
# opgave hebben we? Welke positie delen we?").
PART_QUESTIONS = {
    Part.PASSION: _("Wat geeft je energie in dit netwerk?"),
    Part.TASK: _("Welke opgave delen we?"),
    Part.POSITION: _("Welke positie nemen we samen in?"),
}
PART_PROMPTS = {
    Part.PASSION: IDENTITY.prompt("passion"),
    Part.TASK: IDENTITY.prompt("position"),
    Part.POSITION: IDENTITY.prompt("position"),
}


class IdentityMapQuerySet(models.QuerySet):
    def of_network(self, network):
        return self.filter(workshop__network=network)

    def latest_of(self, network):
        """Return the network's most recent map, or None."""
        return self.of_network(network).order_by("-created_at", "-id").first()


class IdentityMap(models.Model):
    """The identiteitskaart of one workshop: kept with it, so it can be read and printed
    after the workshop, and stored in the version the workshop's end saves."""

    workshop = models.OneToOneField(
        "workshops.Workshop",
        on_delete=models.CASCADE,
        related_name="identity_map",
        verbose_name=_("workshop"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = IdentityMapQuerySet.as_manager()

    class Meta:
        verbose_name = _("identiteitskaart")
        verbose_name_plural = _("identiteitskaarten")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return str(self.workshop)

    @property
    def network(self):
        return self.workshop.network

    @classmethod
    def for_workshop(cls, workshop):
        """Return the workshop's map, made on its first placement."""
        return cls.objects.get_or_create(workshop=workshop)[0]

    @transaction.atomic
    def place(self, user, part, word, x, y):
        """Put `user`'s dot and word in `part` at (x, y); placing again moves it.

        One placement per person per part: the new word and position replace the old.
        """
        placement, _created = Placement.objects.select_for_update().update_or_create(
            map=self,
            author=user,
            part=part,
            defaults={"word": word, "x": x, "y": y, "author_name": str(user)},
        )
        return placement

    def placements(self):
        return self.placement_set.select_related("note").order_by("part", "created_at", "id")

    def spread(self):
        """Return, per part, its words with how often each was placed, most often first.

        Words are counted without regard to capitals: "Samen" and "samen" are one word.
        """
        counts = {part: {} for part in Part.values}
        for placement in self.placements():
            key = placement.word.casefold()
            words = counts[placement.part]
            if key not in words:
                words[key] = {"word": placement.word, "count": 0, "note": None}
            words[key]["count"] += 1
            if placement.note is not None and placement.note.deleted_at is None:
                words[key]["note"] = placement.note_id
        return {
            part: sorted(words.values(), key=lambda w: (-w["count"], w["word"].casefold()))
            for part, words in counts.items()
        }

    @transaction.atomic
    def make_note(self, part, word, prompt, by):
        """Write `word` of `part` as a note under `prompt` of the Identiteit block.

        Returns (note, created): a word already made into a note that still stands on the
        board is not written twice.
        """
        placements = self.placement_set.filter(part=part, word__iexact=word)
        existing = (
            Note.objects.alive().filter(pk__in=placements.exclude(note=None).values("note")).first()
        )
        if existing is not None:
            return existing, False
        note = Note.add(self.network, prompt, word, by)
        placements.update(note=note)
        return note, True

    def as_document(self):
        """Return the map as a version keeps it: the words and dots, without names."""
        return {
            "workshop": self.workshop.title,
            "placements": [
                {"part": p.part, "word": p.word, "x": p.x, "y": p.y} for p in self.placements()
            ],
        }


class Placement(models.Model):
    """One person's dot and word in one part of a map."""

    Part = Part

    map = models.ForeignKey(IdentityMap, on_delete=models.CASCADE, verbose_name=_("kaart"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geplaatst door"),
    )
    # The name at the time, for whoever reads the map after an account is gone.
    author_name = models.CharField(_("naam"), max_length=200, blank=True)
    part = models.CharField(_("deel"), max_length=10, choices=Part)
    word = models.CharField(_("woord"), max_length=WORD_MAX_LENGTH)
    x = models.PositiveSmallIntegerField(_("horizontaal"))
    y = models.PositiveSmallIntegerField(_("verticaal"))
    # The note the facilitator made of this word, if any.
    note = models.ForeignKey(
        Note,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("notitie"),
    )
    created_at = models.DateTimeField(_("geplaatst"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.UniqueConstraint(
                fields=["map", "author", "part"], name="identity_one_placement_per_part"
            ),
            models.CheckConstraint(
                condition=Q(part__in=Part.values), name="identity_placement_valid_part"
            ),
            models.CheckConstraint(
                condition=Q(x__lte=SPAN) & Q(y__lte=SPAN), name="identity_placement_on_map"
            ),
        ]

    def __str__(self):
        return self.word
