"""Versions: dated, labelled copies of a network's canvas, to print, compare and restore."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from canvas.prompts import NOTE_BLOCKS, RULES
from canvas.records.interchange import export_network, replace_canvas
from networks.models import Activity, Network


class CanvasVersionQuerySet(models.QuerySet):
    def for_list(self):
        """Return versions without their documents, newest first: a list needs no content."""
        return self.defer("document").select_related("created_by").order_by("-created_at", "-id")


class CanvasVersionKind(models.TextChoices):
    SAVED = "saved", _("opgeslagen")
    AUTOMATIC = "automatic", _("automatisch bewaard")
    IMPORTED = "imported", _("geïmporteerd")


LABEL_MAX_LENGTH = 200


def version_label(template, **values):
    """Return `template % values`, shortening the one value with … to fit a label.

    Labels made from another label or a file name would otherwise outgrow the column.
    """
    ((name, value),) = values.items()
    label = template % {name: value}
    excess = len(label) - LABEL_MAX_LENGTH
    if excess > 0:
        label = template % {name: value[: max(len(value) - excess - 1, 0)] + "…"}
    return label[:LABEL_MAX_LENGTH]


# The labels the app writes itself: (template, the name of its one value).
LABEL_TEMPLATES = {
    "before_restore": (_("Automatisch bewaard vóór terugzetten van “%(label)s”"), "label"),
    "before_import": (_("Automatisch bewaard vóór import van “%(label)s”"), "label"),
    "imported": (_("Geïmporteerd uit %(name)s"), "name"),
}


@dataclass(frozen=True)
class AutoLabel:
    """A label the app writes (LABEL_TEMPLATES[key] with `value`: a text, or another
    AutoLabel). A version keeps it as parts, so each reader reads it in their language;
    str() writes it in the active one."""

    key: str
    value: object

    def __str__(self):
        template, name = LABEL_TEMPLATES[self.key]
        return version_label(str(template), **{name: str(self.value)})

    def parts(self):
        value = self.value.parts() if isinstance(self.value, AutoLabel) else self.value
        return {"key": self.key, "value": value}

    @classmethod
    def from_parts(cls, parts):
        value = parts["value"]
        return cls(parts["key"], cls.from_parts(value) if isinstance(value, dict) else value)


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
    label = models.CharField(_("naam"), max_length=LABEL_MAX_LENGTH)
    # A label the app wrote (AutoLabel.parts()), to show in each reader's language;
    # `label` keeps it as written, in the language of the person who caused it.
    label_parts = models.JSONField(_("naam in delen"), null=True, blank=True, editable=False)
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
        db_table = "canvas_canvasversion"  # the table kept its name (moved from canvas)
        verbose_name = _("versie van het canvas")
        verbose_name_plural = _("versies van het canvas")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=CanvasVersionKind.values), name="canvas_version_valid_kind"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self):
        """Return the label as the reader reads it: one the app wrote, in their language."""
        if self.label_parts:
            return str(AutoLabel.from_parts(self.label_parts))
        return self.label

    @property
    def auto_label(self):
        """Return the label as a value for another AutoLabel: its parts, or its text."""
        return AutoLabel.from_parts(self.label_parts) if self.label_parts else self.label

    @classmethod
    def save_current(cls, network, user, label, kind=CanvasVersionKind.SAVED):
        """Store the network's canvas as it is now, and log it. `label` is a text, or
        an AutoLabel (kept in parts, so each reader reads it in their language)."""
        document = export_network(network, people=True, identity_map=True)
        parts = label.parts() if isinstance(label, AutoLabel) else None
        label = str(label)
        version = cls.objects.create(
            network=network,
            label=label,
            label_parts=parts,
            kind=kind,
            document=document,
            summary=document_counts(document),
            created_by=user if user is not None and user.is_authenticated else None,
            created_by_name=str(user) if user is not None and user.is_authenticated else "",
        )
        Activity.record(network, user, _VERSION_KINDS[kind], subject=label)
        return version

    def restore(self, user):
        """Make this version the network's canvas; first keep the canvas as it is now.

        Return the version that keeps the state before the restore: nothing is lost.
        """
        with transaction.atomic():
            backup = CanvasVersion.save_current(
                self.network,
                user,
                AutoLabel("before_restore", self.auto_label),
                kind=CanvasVersionKind.AUTOMATIC,
            )
            replace_canvas(self.network, self.document, saved=True)
            Activity.record(self.network, user, "version.restored", subject=self.title)
        return backup

    def save(self, *args, **kwargs):
        if not self.summary:
            self.summary = document_counts(self.document)
        super().save(*args, **kwargs)

    def counts(self):
        """Return how many notes, rules, ambitions and coalitions the version holds."""
        return self.summary or document_counts(self.document)


# How the log tells the kinds of versions apart.
_VERSION_KINDS = {
    CanvasVersionKind.SAVED: "version.saved",
    CanvasVersionKind.AUTOMATIC: "version.kept",
    CanvasVersionKind.IMPORTED: "version.imported",
}


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
