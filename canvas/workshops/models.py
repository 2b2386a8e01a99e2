"""Workshops: a live session's steps, timer, silent writing and dot-votes."""

import math
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from canvas.models import Note
from canvas.prompts import (
    AMBITIONS_TITLE,
    BLOCKS,
    COALITIONS_BLOCK,
    NOTE_BLOCKS,
    PROMPT_CHOICES,
    PROMPTS,
    Block,
)
from canvas.records.models import CanvasVersion
from canvas.replies.models import Reply
from coalitions.models import Ambition
from networks.models import Activity, JoinLink, Network

# The same for a workshop's step, whose prompt (when set) belongs to its block.
_PROMPT_IN_BLOCK_STEP = Q(
    *[Q(step_block=b.slug, step_prompt__in=[p.slug for p in b.prompts]) for b in NOTE_BLOCKS],
    _connector=Q.OR,
)

MAX_DOTS = 20  # dots per person in one vote
WORKSHOP_LINK_VALID = timedelta(hours=12)  # a workshop day; ending it revokes the link
AMBITIONS_AND_COALITIONS = _("Ambities en coalities")

# -- Workshops: steps, timer, silent writing, dot-voting -----------------------------------

# A step is a block, or one prompt of a block. The band of ambitions and coalitions is a
# step too (the coalitions block); its prompts are none.
STEP_BLOCK_CHOICES = [(block.slug, block.title) for block in BLOCKS.values()]


class WorkshopQuerySet(models.QuerySet):
    def running(self):
        return self.filter(ended_at__isnull=True)


class Workshop(models.Model):
    """A live session on a network's canvas, steered by a facilitator.

    The facilitator walks the canvas step by step, with a countdown per step, silent
    writing, a reveal and dot-votes; everyone's board follows. The timer is stored as
    the seconds left when it was last started or paused, plus when it started running,
    so every page (a reload, a late joiner) computes the same time left.
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("netwerk")
    )
    title = models.CharField(_("titel"), max_length=200)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    started_at = models.DateTimeField(_("begonnen"), default=timezone.now)
    ended_at = models.DateTimeField(_("beëindigd"), null=True, blank=True)
    step_block = models.CharField(
        _("stap: bouwsteen"), max_length=20, choices=STEP_BLOCK_CHOICES, blank=True
    )
    step_prompt = models.CharField(
        _("stap: vraag"), max_length=30, choices=PROMPT_CHOICES, blank=True
    )
    step_changed_at = models.DateTimeField(_("stap: gekozen op"), null=True, blank=True)
    timer_seconds = models.PositiveIntegerField(_("timer: ingesteld (s)"), default=0)
    timer_left = models.PositiveIntegerField(_("timer: resterend (s)"), default=0)
    timer_started_at = models.DateTimeField(_("timer: loopt sinds"), null=True, blank=True)
    silent = models.BooleanField(_("stil schrijven"), default=False)
    reveal_names = models.BooleanField(_("onthullen met namen"), default=True)
    # The canvas as the workshop left it (saved when it ends).
    version = models.ForeignKey(
        CanvasVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("versie"),
    )
    # The link and code people join with during the workshop; ending it revokes them.
    join_link = models.ForeignKey(
        JoinLink,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshops",
        verbose_name=_("deelnamelink"),
    )

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        db_table = "canvas_workshop"  # the table kept its name (moved from canvas)
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["network", "-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network"],
                condition=Q(ended_at__isnull=True),
                name="canvas_workshop_one_running_per_network",
            ),
            models.CheckConstraint(
                condition=Q(step_prompt="") | _PROMPT_IN_BLOCK_STEP,
                name="canvas_workshop_step_prompt_in_block",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_running(self):
        return self.ended_at is None

    # -- steps --------------------------------------------------------------------------

    @property
    def step(self):
        """Return the current step: the prompt, the block, or None before the first."""
        if self.step_prompt:
            return PROMPTS[self.step_prompt]
        return BLOCKS.get(self.step_block)

    @property
    def step_anchor(self):
        """Return the id of the board element that shows the current step."""
        if self.step_prompt:
            return f"prompt-{self.step_prompt}"
        if self.step_block == COALITIONS_BLOCK.slug:
            return "band"
        return f"block-{self.step_block}" if self.step_block else ""

    @property
    def step_title(self):
        if self.step_block == COALITIONS_BLOCK.slug:
            return AMBITIONS_AND_COALITIONS
        return self.step.title if self.step else ""

    @property
    def step_question(self):
        step = self.step
        if step is None:
            return ""
        return step.question if isinstance(step, Block) else step.questions[0]

    @property
    def step_block_title(self):
        """Return the block of a prompt step (shown above the prompt's title)."""
        return BLOCKS[self.step_block].title if self.step_prompt else ""

    def go_to(self, block, prompt=""):
        """Make `block` (or its `prompt`) the current step: a fresh start for the timer.

        Silent writing is per step, so it ends too; notes still hidden stay hidden until
        the facilitator reveals them.
        """
        self.step_block, self.step_prompt = block, prompt
        self.step_changed_at = timezone.now()
        self.silent = False
        self._reset_timer()
        self.save(
            update_fields=[
                "step_block",
                "step_prompt",
                "step_changed_at",
                "silent",
                "timer_seconds",
                "timer_left",
                "timer_started_at",
            ]
        )

    # -- the timer ----------------------------------------------------------------------

    TIMER_FIELDS = ["timer_seconds", "timer_left", "timer_started_at"]

    def time_left(self, now=None):
        """Return the whole seconds left on the countdown (0 when stopped or done)."""
        if self.timer_started_at is None:
            return self.timer_left
        elapsed = ((now or timezone.now()) - self.timer_started_at).total_seconds()
        return max(0, math.ceil(self.timer_left - elapsed))

    @property
    def timer_ends(self):
        """Return when a running countdown reaches zero, in milliseconds since the epoch
        (None when it does not run): a bar shown later than it was rendered (a pushed bar
        replayed after a reconnect) counts from this, not from its seconds left."""
        if self.timer_started_at is None or not self.timer_seconds:
            return None
        return int(self.timer_started_at.timestamp() * 1000) + self.timer_left * 1000

    @property
    def timer_state(self):
        """Return "off", "running", "paused" or "done"."""
        if not self.timer_seconds:
            return "off"
        if self.timer_started_at is None:
            return "paused" if self.timer_left else "done"
        return "running" if self.time_left() else "done"

    def start_timer(self, minutes):
        self.timer_seconds = self.timer_left = minutes * 60
        self.timer_started_at = timezone.now()
        self.save(update_fields=self.TIMER_FIELDS)

    def pause_timer(self):
        if self.timer_started_at is not None:
            self.timer_left = self.time_left()
            self.timer_started_at = None
            self.save(update_fields=self.TIMER_FIELDS)

    def resume_timer(self):
        if self.timer_started_at is None and self.timer_left:
            self.timer_started_at = timezone.now()
            self.save(update_fields=self.TIMER_FIELDS)

    def add_minute(self):
        """Give the countdown a minute more; a countdown that ran out starts again."""
        if not self.timer_seconds:
            return
        now = timezone.now()
        left = self.time_left(now)
        if self.timer_started_at is not None or not left:
            self.timer_started_at = now
        self.timer_left = left + 60
        self.timer_seconds += 60
        self.save(update_fields=self.TIMER_FIELDS)

    def stop_timer(self):
        self._reset_timer()
        self.save(update_fields=self.TIMER_FIELDS)

    def _reset_timer(self):
        self.timer_seconds = self.timer_left = 0
        self.timer_started_at = None

    # -- silent writing and the reveal -------------------------------------------------

    def hidden_notes(self):
        return Note.objects.filter(network_id=self.network_id, hidden=True)

    @transaction.atomic
    def reveal(self, names=True, *, by=None):
        """Show every hidden note at once, with its author's name or without; return the
        slugs of the prompts that changed.

        The silent round is over with it: notes written from now on are seen at once.
        """
        prompts = self._reveal(names)
        Activity.record(self.network_id, by, "workshop.revealed", names=names)
        return prompts

    def _reveal(self, names):
        # Deleted ones too: an undo brings a note back revealed.
        hidden = Note.all_objects.filter(network=self.network_id, hidden=True)
        rows = list(hidden.values_list("pk", "prompt"))
        hidden.update(hidden=False, anonymous=not names, updated_at=timezone.now())
        # What the log said of them becomes plain too; without names it names nobody.
        Activity.notes_revealed(self.network_id, [pk for pk, _prompt in rows], names=names)
        # Replies (“Waarom?”) written in silence come out with the notes, the same way.
        replies = Reply.objects.filter(note__network=self.network_id, hidden=True)
        prompts = {prompt for _pk, prompt in rows}
        prompts.update(replies.order_by().values_list("note__prompt", flat=True).distinct())
        replies.update(hidden=False, anonymous=not names)
        # So do ambitions written in a silent brainstorm (the band's to refresh, if any).
        self.revealed_ambitions = Ambition.reveal_hidden(self.network_id, names)
        self.reveal_names, self.silent = names, False
        self.save(update_fields=["reveal_names", "silent"])
        return sorted(prompts)

    # -- votes -------------------------------------------------------------------------

    @property
    def open_vote(self):
        return self.votes.filter(closed_at__isnull=True).first()

    # -- the end -----------------------------------------------------------------------

    @classmethod
    @transaction.atomic
    def start(cls, network, by, title):
        """Start a workshop with a fresh join link and code of its own.

        Raise IntegrityError if another workshop is running in the network.
        """
        link = JoinLink.create_for(network, by, WORKSHOP_LINK_VALID)
        workshop = cls.objects.create(network=network, title=title, started_by=by, join_link=link)
        Activity.record(network, by, "workshop.started", subject=title)
        return workshop

    @transaction.atomic
    def end(self, by=None):
        """End the workshop: reveal what is still hidden, close the vote, stop the clock,
        close joining (its link and code are revoked: guests who came in with them take
        part no longer) and keep the canvas as it is now as a version named after it.

        Return the slugs of the prompts whose notes were revealed.
        """
        if self.join_link is not None:
            self.join_link.revoke()
        prompts = self._reveal(self.reveal_names)
        vote = self.open_vote
        if vote is not None:
            vote.close()
        self._reset_timer()
        self.silent = False
        self.ended_at = timezone.now()
        self.version = CanvasVersion.save_current(self.network, by, self.title)
        self.save()
        Activity.record(self.network, by, "workshop.ended", subject=self.title)
        return prompts

    @property
    def period(self):
        """Return (start, end) of the workshop; a running one lasts until now."""
        return self.started_at, self.ended_at or timezone.now()


class VoteTarget(models.TextChoices):
    PROMPT = "prompt", _("de notities bij een vraag")
    AMBITIONS = "ambitions", _("de ambities")
    COALITIONS = "coalitions", _("de coalities")


class Vote(models.Model):
    """A dot-vote: each participant places a few dots on the notes of one prompt, on the
    ambitions, or on the coalitions. Closing it records the totals on the items."""

    Target = VoteTarget

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="votes", verbose_name=_("workshop")
    )
    target = models.CharField(_("waarover"), max_length=20, choices=Target)
    prompt = models.CharField(_("vraag"), max_length=30, choices=PROMPT_CHOICES, blank=True)
    dots_per_person = models.PositiveSmallIntegerField(_("stippen per persoon"), default=3)
    max_per_item = models.PositiveSmallIntegerField(_("hoogstens op één item"), default=2)
    hide_results = models.BooleanField(_("uitslag verborgen tot het sluiten"), default=True)
    opened_at = models.DateTimeField(_("geopend"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten"), null=True, blank=True)

    class Meta:
        db_table = "canvas_vote"  # the table kept its name (moved from canvas)
        verbose_name = _("stemming")
        verbose_name_plural = _("stemmingen")
        ordering = ["workshop", "opened_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["workshop"],
                condition=Q(closed_at__isnull=True),
                name="canvas_vote_one_open_per_workshop",
            ),
            models.CheckConstraint(
                condition=(Q(target=VoteTarget.PROMPT) & ~Q(prompt=""))
                | (Q(target__in=[VoteTarget.AMBITIONS, VoteTarget.COALITIONS]) & Q(prompt="")),
                name="canvas_vote_prompt_iff_prompt_target",
            ),
            models.CheckConstraint(
                condition=Q(dots_per_person__gte=1, dots_per_person__lte=MAX_DOTS)
                & Q(max_per_item__gte=1)
                & Q(max_per_item__lte=F("dots_per_person")),
                name="canvas_vote_sensible_dots",
            ),
        ]

    def __str__(self):
        return str(self.subject)

    @property
    def is_open(self):
        return self.closed_at is None

    @property
    def subject(self):
        """Return what is voted on, as the board names it."""
        if self.target == VoteTarget.PROMPT:
            return PROMPTS[self.prompt].title
        return AMBITIONS_TITLE if self.target == VoteTarget.AMBITIONS else COALITIONS_BLOCK.title

    @property
    def results_visible(self):
        return not self.is_open or not self.hide_results

    @property
    def item_field(self):
        """Return the field of Dot that holds this vote's items."""
        return {
            VoteTarget.PROMPT: "note",
            VoteTarget.AMBITIONS: "ambition",
            VoteTarget.COALITIONS: "coalition",
        }[self.target]

    @property
    def anchor(self):
        return f"prompt-{self.prompt}" if self.target == VoteTarget.PROMPT else "band"

    def items(self):
        """Return the items one can place dots on, in their order on the board."""
        network_id = self.workshop.network_id
        if self.target == VoteTarget.PROMPT:
            return Note.objects.revealed().filter(network_id=network_id, prompt=self.prompt)
        model = Dot._meta.get_field(self.item_field).related_model
        return model.objects.filter(network_id=network_id)

    def covers(self, item):
        """Return whether `item` (a note, ambition or coalition) is part of this vote."""
        model = Dot._meta.get_field(self.item_field).related_model
        # The board's read model (canvas.board.read) names the model its rows are read from.
        kind = getattr(type(item), "read_from", type(item))
        if not issubclass(kind, model) or item.network_id != self.workshop.network_id:
            return False
        if kind is Note:
            return item.prompt == self.prompt and not item.hidden and not item.is_deleted
        return not item.is_deleted and not getattr(item, "hidden", False)

    def _living_dots(self):
        # A deleted item's dots count for no one (and come back with its undo).
        return self.dots.filter(**{f"{self.item_field}__deleted_at__isnull": True})

    def dots_of(self, user):
        """Return {item pk: dots} that `user` placed."""
        rows = self._living_dots().filter(user=user).values_list(f"{self.item_field}_id", "count")
        return dict(rows)

    def totals(self):
        """Return {item pk: dots from everyone}."""
        field = f"{self.item_field}_id"
        rows = self._living_dots().order_by().values_list(field).annotate(total=Sum("count"))
        return dict(rows)

    def results(self):
        """Return [(item, total)], most dots first, then in board order."""
        totals = self.totals()
        items = list(self.items().order_by("position", "id"))
        items.sort(key=lambda item: -totals.get(item.pk, 0))
        return [(item, totals.get(item.pk, 0)) for item in items]

    def voters(self):
        return self.dots.values("user").distinct().count()

    @transaction.atomic
    def place(self, user, item):
        """Put one of `user`'s dots on `item`; raise ValidationError when that breaks a rule."""
        vote = Vote.objects.select_for_update().get(pk=self.pk)  # one dot at a time
        if not vote.is_open:
            raise ValidationError(_("Deze stemming is gesloten."))
        if not vote.covers(item):
            raise ValidationError(_("Hierover wordt nu niet gestemd."))
        mine = vote.dots_of(user)
        if sum(mine.values()) >= vote.dots_per_person:
            raise ValidationError(
                _("Je stippen zijn op. Haal er eerst een weg als je wilt verschuiven.")
            )
        if mine.get(item.pk, 0) >= vote.max_per_item:
            raise ValidationError(
                ngettext(
                    "Hoogstens %(max)d stip op één item.",
                    "Hoogstens %(max)d stippen op één item.",
                    vote.max_per_item,
                )
                % {"max": vote.max_per_item}
            )
        dot, created = Dot.objects.get_or_create(vote=vote, user=user, **{vote.item_field: item})
        if not created:
            Dot.objects.filter(pk=dot.pk).update(count=F("count") + 1)

    @transaction.atomic
    def take_back(self, user, item):
        """Take one of `user`'s dots off `item`; return whether there was one."""
        vote = Vote.objects.select_for_update().get(pk=self.pk)
        if not vote.is_open:
            raise ValidationError(_("Deze stemming is gesloten."))
        dot = Dot.objects.filter(vote=vote, user=user, **{vote.item_field: item}).first()
        if dot is None:
            return False
        if dot.count > 1:
            Dot.objects.filter(pk=dot.pk).update(count=F("count") - 1)
        else:
            dot.delete()
        return True

    @transaction.atomic
    def close(self):
        """Close the vote and record each item's total as its votes (the format's `votes`).

        The latest vote counts: items without dots now have none.
        """
        self.closed_at = timezone.now()
        self.save(update_fields=["closed_at"])
        totals = self.totals()
        items = self.items()
        items.exclude(pk__in=totals).update(votes=0)
        model = items.model
        for pk, total in totals.items():
            model.objects.filter(pk=pk).update(votes=total)

    def sort_items(self):
        """Put the items in order of their totals, most dots first (ties keep their order)."""
        totals = self.totals()
        items = list(self.items().order_by("position", "id"))
        items.sort(key=lambda item: -totals.get(item.pk, 0))
        for position, item in enumerate(items):
            item.position = position
        self.items().model.objects.bulk_update(items, ["position"])


class Dot(models.Model):
    """The dots one person put on one item of a vote."""

    vote = models.ForeignKey(
        Vote, on_delete=models.CASCADE, related_name="dots", verbose_name=_("stemming")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("persoon"),
    )
    note = models.ForeignKey(
        Note, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    ambition = models.ForeignKey(
        "coalitions.Ambition", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    count = models.PositiveSmallIntegerField(_("stippen"), default=1)

    class Meta:
        db_table = "canvas_dot"  # the table kept its name (moved from canvas)
        verbose_name = _("stip")
        verbose_name_plural = _("stippen")
        constraints = [
            models.CheckConstraint(
                condition=Q(note__isnull=False, ambition__isnull=True, coalition__isnull=True)
                | Q(note__isnull=True, ambition__isnull=False, coalition__isnull=True)
                | Q(note__isnull=True, ambition__isnull=True, coalition__isnull=False),
                name="canvas_dot_one_item",
            ),
            models.CheckConstraint(condition=Q(count__gte=1), name="canvas_dot_count_positive"),
            models.UniqueConstraint(
                fields=["vote", "user", "note"], name="canvas_dot_once_per_note"
            ),
            models.UniqueConstraint(
                fields=["vote", "user", "ambition"], name="canvas_dot_once_per_ambition"
            ),
            models.UniqueConstraint(
                fields=["vote", "user", "coalition"], name="canvas_dot_once_per_coalition"
            ),
        ]


@transaction.atomic
def merge_notes(kept, other, revision=None, other_revision=None, *, by=None):
    """Merge the duplicate `other` into `kept` (Note.merge), their dots included.

    Every dot placed on `other`, in open and closed votes alike, moves to `kept`: a
    person's dots on both add up, so no vote's totals (nor the summary's) lose a dot.
    Return whether the notes merged.
    """
    if not kept.merge(other, revision, other_revision, by=by):
        return False
    for dot in Dot.objects.filter(note=other).select_for_update():
        mine, created = Dot.objects.get_or_create(
            vote_id=dot.vote_id, user_id=dot.user_id, note=kept, defaults={"count": dot.count}
        )
        if not created:
            Dot.objects.filter(pk=mine.pk).update(count=F("count") + dot.count)
        dot.delete()
    return True
