"""“Waarom?”: short replies under a note, to go deeper into it (article 003, “diep gaan”).

A reply follows its note's rules of silent writing: written during silent writing it is
its author's alone until the reveal, and revealed without names it names nobody.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from canvas.models import Note

REPLY_MAX_LENGTH = 500


class ReplyQuerySet(models.QuerySet):
    def revealed(self):
        """Return the replies everyone may read: not hidden, under a living, revealed note."""
        return self.filter(hidden=False, note__hidden=False, note__deleted_at__isnull=True)

    def visible_to(self, user):
        """Return the replies `user` may read: everyone's, plus their own hidden ones.

        Only under notes `user` may read: a hidden note's replies are its author's too.
        """
        if user is None or not user.is_authenticated:
            return self.revealed()
        return self.filter(
            Q(hidden=False) | Q(author=user),
            Q(note__hidden=False) | Q(note__author=user),
            note__deleted_at__isnull=True,
        )

    def counts(self, network, viewer=None):
        """Return {note pk: replies `viewer` may read} for the notes of the network."""
        rows = (
            self.visible_to(viewer)
            .filter(note__network=network)
            .order_by()
            .values_list("note")
            .annotate(n=Count("id"))
        )
        return dict(rows)


class Reply(models.Model):
    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, related_name="replies", verbose_name=_("notitie")
    )
    text = models.TextField(_("tekst"), max_length=REPLY_MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    # The name as written: kept for people whose account is gone (a restored version).
    author_name = models.CharField(_("naam auteur"), max_length=200, blank=True)
    # Written during silent writing: its author's alone until the reveal, like a note.
    hidden = models.BooleanField(_("verborgen"), default=False)
    # Revealed without names: nobody sees who wrote it (the author still does not lose it).
    anonymous = models.BooleanField(_("anoniem"), default=False)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reactie")
        verbose_name_plural = _("reacties")
        ordering = ["note", "created_at", "id"]
        indexes = [models.Index(fields=["note", "created_at"])]

    def __str__(self):
        if self.hidden:
            return gettext("verborgen reactie (stil schrijven)")
        return self.text[:60]

    @property
    def author_display(self):
        if self.anonymous:
            return ""
        return self.author_name or (str(self.author) if self.author_id else "")

    @classmethod
    def add(cls, note, text, author, *, hidden=False):
        """Write a reply under `note`; `hidden` (silent writing) keeps it its author's."""
        return cls.objects.create(note=note, text=text, author=author, hidden=hidden)
