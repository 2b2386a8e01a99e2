from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from canvas.prompts import BLOCK_CHOICES, NOTE_BLOCKS, PROMPT_CHOICES, RULES
from networks.models import Activity, Network
from networks.soft_delete import AliveManager, SoftDeleteQuerySet

NOTE_MAX_LENGTH = 500

# Each prompt belongs to exactly one block: (block = b AND prompt IN b's prompts) OR ...
_PROMPT_IN_BLOCK = Q(
    *[Q(block=b.slug, prompt__in=[p.slug for p in b.prompts]) for b in NOTE_BLOCKS],
    _connector=Q.OR,
)


class NoteQuerySet(SoftDeleteQuerySet):
    def revealed(self):
        """Return the notes on the canvas for everyone to read.

        Not deleted (a deleted note waits for its undo) and not hidden: a note written
        during silent writing is its author's alone until the reveal, so exports,
        posters, versions and every count leave it out unless they ask for it.
        """
        return self.alive().filter(hidden=False)

    def visible_to(self, user):
        """Return the living notes `user` may read: everyone's, plus their own hidden ones."""
        if user is None or not user.is_authenticated:
            return self.revealed()
        return self.alive().filter(Q(hidden=False) | Q(author=user))

    def readable_by(self, user):
        """Return the notes, deleted or not, that `user` may act on: not others' hidden ones."""
        if user is None or not user.is_authenticated:
            return self.filter(hidden=False)
        return self.filter(Q(hidden=False) | Q(author=user))

    def under(self, network, prompt, viewer=None):
        """Return the notes `viewer` sees under one prompt, in their order on the board."""
        return (
            self.visible_to(viewer)
            .filter(network=network, prompt=prompt.slug)
            .order_by("position", "id")
        )

    def hidden_counts(self, network, viewer=None):
        """Return {prompt slug: number of hidden notes by others} for the network."""
        hidden = self.alive().filter(network=network, hidden=True)
        if viewer is not None and viewer.is_authenticated:
            hidden = hidden.exclude(author=viewer)
        rows = hidden.order_by().values_list("prompt").annotate(n=Count("id"))
        return dict(rows)


CLUSTER_NAME_MAX_LENGTH = 80


class Cluster(models.Model):
    """A named group of the notes of one prompt: the "cluster" step after the reveal.

    A note is in at most one cluster, of its own prompt. Dissolving a cluster keeps its
    notes: they go back to the prompt's unclustered notes.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("netwerk")
    )
    prompt = models.CharField(_("vraag"), max_length=30, choices=PROMPT_CHOICES)
    name = models.CharField(_("naam"), max_length=CLUSTER_NAME_MAX_LENGTH)
    position = models.PositiveIntegerField(_("positie"), default=0)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("cluster")
        verbose_name_plural = _("clusters")
        ordering = ["network", "prompt", "position", "id"]
        constraints = [
            # Two clusters of one name under one prompt could not be told apart (nor
            # exported: notes name their cluster).
            models.UniqueConstraint(
                "network", "prompt", Lower("name"), name="canvas_cluster_unique_name"
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    @transaction.atomic
    def add(cls, network, prompt, name):
        """Make a cluster at the end of `prompt`'s clusters; raise ValidationError on a
        name the prompt has already."""
        name = " ".join(name.split())
        clusters = cls.objects.filter(network=network, prompt=prompt.slug)
        if clusters.filter(name__iexact=name).exists():
            raise ValidationError(
                _("Bij deze vraag is er al een cluster “%(name)s”."), params={"name": name}
            )
        last = clusters.aggregate(Max("position"))["position__max"]
        return cls.objects.create(
            network=network,
            prompt=prompt.slug,
            name=name,
            position=0 if last is None else last + 1,
        )

    def dissolve(self):
        """Delete the cluster; its notes stay under the prompt, unclustered (SET_NULL)."""
        self.delete()


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
    # Grouped with notes like it, under the same prompt (the method's "cluster" step).
    cluster = models.ForeignKey(
        Cluster,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
        verbose_name=_("cluster"),
    )
    # Written during silent writing: only its author reads it until the facilitator
    # reveals all hidden notes at once.
    hidden = models.BooleanField(_("verborgen"), default=False)
    # Revealed without names: nobody, the export and the poster included, shows who wrote
    # it. The author is kept, so they may still edit their own note.
    anonymous = models.BooleanField(_("anoniem"), default=False)
    # Bumped on every edit, so a save over someone else's newer edit is caught.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    deleted_at = models.DateTimeField(_("verwijderd"), null=True, blank=True)

    # Soft delete as in networks/soft_delete.py: `objects` leaves deleted notes out,
    # `all_objects` (the undo, replacing a canvas) finds them too.
    objects = AliveManager.from_queryset(NoteQuerySet)()
    all_objects = NoteQuerySet.as_manager()

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
        # The admin's lists, delete pages and history name objects by this.
        if self.hidden:
            return gettext("verborgen notitie (stil schrijven)")
        return self.text[:60]

    @property
    def author_display(self):
        if self.anonymous:
            return ""
        return self.author_name or (str(self.author) if self.author_id else "")

    @property
    def is_rule(self):
        return self.block == RULES.slug

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    def _log(self, by, verb, **changes):
        """Log that `by` did `verb` ("added", "edited"…) to this note.

        A hidden note's entry carries none of its text and names its author to that
        author alone (Activity.hidden); an anonymous note's changes carry no name.
        """
        params = {"prompt": self.prompt, "note": self.pk}
        if self.hidden:
            params["silent"], changes = True, {}
        else:
            params["subject"] = self.text
        Activity.record(
            self.network_id,
            None if self.anonymous else by,
            f"{'rule' if self.is_rule else 'note'}.{verb}",
            area=self.block,
            hidden=self.hidden,
            **changes,
            **params,
        )

    @classmethod
    @transaction.atomic
    def add(cls, network, prompt, text, author, *, hidden=False):
        """Write a new note at the end of `prompt`; rules start as a proposal.

        A `hidden` note (silent writing) is visible to its author alone until revealed.
        """
        # After deleted notes too: an undo brings one back in its place.
        notes = cls.all_objects.filter(network=network, prompt=prompt.slug)
        last = notes.aggregate(Max("position"))
        note = cls.objects.create(
            network=network,
            block=prompt.block,
            prompt=prompt.slug,
            text=text,
            status=cls.Status.PROPOSED if prompt.block == RULES.slug else "",
            position=(last["position__max"] or 0) + 1,
            author=author,
            hidden=hidden,
        )
        note._log(author, "added")
        return note

    @transaction.atomic
    def edit(self, text, revision=None, *, by=None):
        """Save new text unless someone saved since `revision`; return whether it saved.

        One conditional UPDATE: of two people saving over the same revision, exactly one
        wins and the other is shown both texts, so no words are lost. Without a
        revision (imports, scripts) the text is saved whatever the revision.
        """
        # As stored: a ModelForm has put the new text on this instance already.
        before = Note.objects.select_for_update().filter(pk=self.pk).values_list("text").first()
        notes = Note.objects.filter(pk=self.pk)
        if revision is not None:
            notes = notes.filter(revision=revision)
        saved = notes.update(text=text, revision=F("revision") + 1, updated_at=timezone.now())
        self.refresh_from_db(fields=["text", "revision", "updated_at", "deleted_at"])
        if saved:
            self._log(by, "edited", before={"text": before[0]}, after={"text": self.text})
        return bool(saved)

    @transaction.atomic
    def soft_delete(self, *, by=None):
        """Hide the note but keep it, so a slip can be undone."""
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])
        self._log(by, "deleted")

    @transaction.atomic
    def restore(self, *, by=None):
        self.deleted_at = None
        self.save(update_fields=["deleted_at", "updated_at"])
        self._log(by, "restored")

    @transaction.atomic
    def toggle_status(self, *, by=None):
        """Flip a rule between voorstel and afgesproken."""
        agreed = self.status == self.Status.AGREED
        self.status = self.Status.PROPOSED if agreed else self.Status.AGREED
        self.save(update_fields=["status", "updated_at"])
        self._log(by, "proposed" if agreed else "agreed")

    @transaction.atomic
    def move(self, direction, *, by=None):
        """Swap the note with its living neighbour above ("up") or below ("down").

        Renumbers the prompt's notes 0..n, so imported positions (which may repeat or
        leave gaps) never make a move a no-op. Return whether the note moved.
        """
        siblings = list(
            Note.objects.revealed()
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
        self._log(by, "moved", direction=direction)
        return True

    @transaction.atomic
    def move_to(self, prompt, cluster=None, revision=None, *, by=None):
        """Put the note under `prompt`, in `cluster` (one of that prompt's) or none.

        Moving to another prompt (a note written under the wrong question) puts it last
        there; a rule's status follows its block. Like `edit`, one conditional UPDATE on
        `revision`: a move from a stale board changes nothing and returns False.
        """
        if cluster is not None and (
            cluster.network_id != self.network_id or cluster.prompt != prompt.slug
        ):
            raise ValueError("a note's cluster belongs to its prompt")
        changes = {"cluster": cluster, "revision": F("revision") + 1, "updated_at": timezone.now()}
        if prompt.slug != self.prompt:
            last = Note.all_objects.filter(network_id=self.network_id, prompt=prompt.slug)
            last = last.aggregate(Max("position"))["position__max"]
            changes.update(
                block=prompt.block,
                prompt=prompt.slug,
                position=(last or 0) + 1,
                status=(self.status or self.Status.PROPOSED) if prompt.block == RULES.slug else "",
            )
        notes = Note.objects.filter(pk=self.pk)
        if revision is not None:
            notes = notes.filter(revision=revision)
        moved = notes.update(**changes)
        self.refresh_from_db()
        if moved:
            self._log(by, "moved")
        return bool(moved)

    def merged_text(self, other):
        """Return the text of this note with `other` merged into it: both, one under the other."""
        return f"{self.text}\n\n{other.text}"

    @transaction.atomic
    def merge(self, other, revision=None, other_revision=None, *, by=None):
        """Take the duplicate `other` into this note; return whether it merged.

        Nothing is lost: this note keeps both texts, the sum of both notes' votes and
        both authors' names (no names if either was revealed anonymously); `other` is
        deleted as by hand, so its account and text stay on record. Refused (False) when
        either note was changed since the given revisions; ValidationError when the
        texts together are longer than a note may be.
        """
        if other.pk == self.pk or other.network_id != self.network_id:
            raise ValueError("merge two notes of one network")
        pks = sorted([self.pk, other.pk])  # lock in one order: two crossing merges wait
        rows = {n.pk: n for n in Note.objects.select_for_update().filter(pk__in=pks)}
        kept, gone = rows.get(self.pk), rows.get(other.pk)
        if kept is None or gone is None:
            return False
        if (revision is not None and kept.revision != revision) or (
            other_revision is not None and gone.revision != other_revision
        ):
            return False
        text = kept.merged_text(gone)
        if len(text) > NOTE_MAX_LENGTH:
            raise ValidationError(
                _(
                    "Samen zijn deze notities %(length)d tekens; een notitie mag er hoogstens "
                    "%(max)d hebben. Kort er eerst een in."
                ),
                params={"length": len(text), "max": NOTE_MAX_LENGTH},
            )
        anonymous = kept.anonymous or gone.anonymous
        names = [n.author_display for n in (kept, gone) if n.author_display]
        author_name = "" if anonymous else ", ".join(dict.fromkeys(names))
        before = kept.text
        Note.objects.filter(pk=kept.pk).update(
            text=text,
            votes=kept.votes + gone.votes,
            author_name=author_name if author_name != kept.author_display else kept.author_name,
            anonymous=anonymous,
            cluster_id=kept.cluster_id or gone.cluster_id,
            revision=F("revision") + 1,
            updated_at=timezone.now(),
        )
        self.refresh_from_db()
        self._log(by, "edited", before={"text": before}, after={"text": self.text})
        gone.soft_delete(by=by)
        other.refresh_from_db()
        return True
