from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canvas.prompts import BLOCK_CHOICES, NOTE_BLOCKS, PROMPT_CHOICES, RULES
from networks.models import Network

NOTE_MAX_LENGTH = 500

# Each prompt belongs to exactly one block: (block = b AND prompt IN b's prompts) OR ...
_PROMPT_IN_BLOCK = Q(
    *[Q(block=b.slug, prompt__in=[p.slug for p in b.prompts]) for b in NOTE_BLOCKS],
    _connector=Q.OR,
)


class StaleVersion(Exception):
    """Someone saved a newer version of the item meanwhile; nothing was changed."""


class NoteQuerySet(models.QuerySet):
    def alive(self):
        """Return notes that are not deleted (a deleted note waits for its undo)."""
        return self.filter(deleted_at__isnull=True)

    def under(self, network, prompt):
        """Return the living notes under one prompt, in their order on the board."""
        return (
            self.alive()
            .filter(network=network, prompt=prompt.slug)
            .select_related("author")
            .order_by("position", "id")
        )


class NoteStatus(models.TextChoices):
    PROPOSED = "voorstel", _("voorstel")
    AGREED = "afgesproken", _("afgesproken")


class Note(models.Model):
    """One sticky note on the canvas, answering one prompt of one block.

    Spelregels are notes too: a rule is a note in the rules block, and only rules
    carry a status (voorstel / afgesproken).
    """

    Status = NoteStatus

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="notes", verbose_name=_("netwerk")
    )
    block = models.CharField(_("bouwsteen"), max_length=20, choices=BLOCK_CHOICES)
    prompt = models.CharField(_("vraag"), max_length=30, choices=PROMPT_CHOICES)
    text = models.TextField(_("tekst"), max_length=NOTE_MAX_LENGTH)
    status = models.CharField(_("status"), max_length=20, choices=Status, blank=True, default="")
    position = models.PositiveIntegerField(_("positie"), default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("auteur"),
    )
    # The author's name as written on the note: kept for imported notes and for
    # people who left the network.
    author_name = models.CharField(_("naam auteur"), max_length=200, blank=True)
    votes = models.PositiveIntegerField(_("stemmen"), default=0)
    # Bumped on every edit, so a save over someone else's newer edit is caught.
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    deleted_at = models.DateTimeField(_("verwijderd"), null=True, blank=True)

    objects = NoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("notitie")
        verbose_name_plural = _("notities")
        ordering = ["network", "block", "prompt", "position", "id"]
        indexes = [models.Index(fields=["network", "prompt", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=_PROMPT_IN_BLOCK,
                name="canvas_note_prompt_in_block",
            ),
            models.CheckConstraint(
                condition=(Q(block=RULES.slug) & Q(status__in=NoteStatus.values))
                | (~Q(block=RULES.slug) & Q(status="")),
                name="canvas_note_status_only_on_rules",
            ),
        ]

    def __str__(self):
        return self.text[:60]

    @property
    def author_display(self):
        return self.author_name or (str(self.author) if self.author_id else "")

    @property
    def is_rule(self):
        return self.block == RULES.slug

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @classmethod
    def add(cls, network, prompt, text, author):
        """Write a new note at the end of `prompt`; rules start as a proposal."""
        last = cls.objects.filter(network=network, prompt=prompt.slug).aggregate(Max("position"))
        return cls.objects.create(
            network=network,
            block=prompt.block,
            prompt=prompt.slug,
            text=text,
            status=cls.Status.PROPOSED if prompt.block == RULES.slug else "",
            position=(last["position__max"] or 0) + 1,
            author=author,
        )

    def edit(self, text, version=None):
        """Save new text unless someone saved since `version`; return whether it saved.

        One conditional UPDATE: of two people saving over the same version, exactly one
        wins and the other is shown both texts, so no words are lost. Without a
        version (imports, scripts) the text is saved whatever the version.
        """
        notes = Note.objects.filter(pk=self.pk, deleted_at__isnull=True)
        if version is not None:
            notes = notes.filter(version=version)
        saved = notes.update(text=text, version=F("version") + 1, updated_at=timezone.now())
        self.refresh_from_db(fields=["text", "version", "updated_at", "deleted_at"])
        return bool(saved)

    def soft_delete(self):
        """Hide the note but keep it, so a slip can be undone."""
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])

    def restore(self):
        self.deleted_at = None
        self.save(update_fields=["deleted_at", "updated_at"])

    def toggle_status(self):
        """Flip a rule between voorstel and afgesproken."""
        agreed = self.status == self.Status.AGREED
        self.status = self.Status.PROPOSED if agreed else self.Status.AGREED
        self.save(update_fields=["status", "updated_at"])

    def move(self, direction):
        """Swap the note with its living neighbour above ("up") or below ("down").

        Renumbers the prompt's notes 0..n, so imported positions (which may repeat or
        leave gaps) never make a move a no-op. Return whether the note moved.
        """
        siblings = list(
            Note.objects.alive()
            .filter(network_id=self.network_id, prompt=self.prompt)
            .order_by("position", "id")
        )
        index = next((i for i, note in enumerate(siblings) if note.pk == self.pk), None)
        if index is None:  # deleted meanwhile
            return False
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(siblings):
            return False
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, note in enumerate(siblings):
            note.position = position
        Note.objects.bulk_update(siblings, ["position"])
        return True


class CanvasVersionQuerySet(models.QuerySet):
    def for_list(self):
        """Return versions without their documents, newest first: a list needs no content."""
        return self.defer("document").select_related("created_by").order_by("-created_at", "-id")


class CanvasVersionKind(models.TextChoices):
    SAVED = "saved", _("opgeslagen")
    AUTOMATIC = "automatic", _("automatisch bewaard")
    IMPORTED = "imported", _("geïmporteerd")


class CanvasVersion(models.Model):
    """A dated, labelled copy of a network's canvas, stored as its `netwerkcanvas/1` document.

    Networks revisit their canvas workshop after workshop: versions keep each result, to
    print, compare and restore. The document is the interchange format, so a version
    means the same thing here as in an exported file.
    """

    Kind = CanvasVersionKind

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="versions", verbose_name=_("netwerk")
    )
    label = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind, default=Kind.SAVED)
    document = models.JSONField(_("document"))
    # How many notes, rules, ambitions and coalitions: the list shows them without
    # loading every document.
    summary = models.JSONField(_("inhoud"), default=dict, blank=True)
    created_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="canvas_versions",
        verbose_name=_("opgeslagen door"),
    )
    # The name at the time, so the list still reads well after an account is gone.
    created_by_name = models.CharField(_("naam"), max_length=200, blank=True)

    objects = CanvasVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("versie van het canvas")
        verbose_name_plural = _("versies van het canvas")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CanvasVersionKind.values), name="canvas_version_valid_kind"
            ),
        ]

    def __str__(self):
        return self.label

    @classmethod
    def save_current(cls, network, user, label, kind=CanvasVersionKind.SAVED):
        """Store the network's canvas as it is now, and log it."""
        from canvas.interchange import export_network
        from networks.models import Activity

        document = export_network(network)
        version = cls.objects.create(
            network=network,
            label=label,
            kind=kind,
            document=document,
            summary=document_counts(document),
            created_by=user if user is not None and user.is_authenticated else None,
            created_by_name=str(user) if user is not None and user.is_authenticated else "",
        )
        Activity.record(network, user, Activity.Area.VERSIONS, Activity.Action.CREATED, label)
        return version

    def restore(self, user):
        """Make this version the network's canvas; first keep the canvas as it is now.

        Return the version that keeps the state before the restore: nothing is lost.
        """
        from canvas.interchange import replace_canvas
        from networks.models import Activity

        with transaction.atomic():
            backup = CanvasVersion.save_current(
                self.network,
                user,
                _("Automatisch bewaard vóór terugzetten van “%(label)s”") % {"label": self.label},
                kind=CanvasVersionKind.AUTOMATIC,
            )
            replace_canvas(self.network, self.document)
            Activity.record(
                self.network, user, Activity.Area.VERSIONS, Activity.Action.RESTORED, self.label
            )
        return backup

    def save(self, *args, **kwargs):
        if not self.summary:
            self.summary = document_counts(self.document)
        super().save(*args, **kwargs)

    def counts(self):
        """Return how many notes, rules, ambitions and coalitions the version holds."""
        return self.summary or document_counts(self.document)


def document_counts(document):
    """Return how many notes, rules, ambitions and coalitions a `netwerkcanvas/1` document holds."""
    notes = sum(
        len(items)
        for block in NOTE_BLOCKS
        if block.slug != RULES.slug
        for items in document.get(block.slug, {}).values()
    )
    return {
        "notes": notes,
        "rules": sum(len(items) for items in document.get(RULES.slug, {}).values()),
        "ambitions": len(document.get("ambitions", [])),
        "coalitions": len(document.get("coalitions", [])),
    }
