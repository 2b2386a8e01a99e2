"""Agendas: a workshop prepared in advance, step by step, and walked in the room.

An agenda is an ordered list of steps; each step is a block, one prompt of a block, or
the band of ambitions and coalitions, with a method and minutes. A facilitator starts a
workshop with it, and "Volgende stap" starts the next step: the board goes there, the
method is applied (silent writing on, a dot vote opened) and the timer runs for the
step's minutes. When each step started and ended is kept, for the workshop's summary
(planned against actual minutes). Any agenda can be kept as the network's own template.
"""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from canvas.agenda.presets import PRESETS
from canvas.prompts import BLOCKS, COALITIONS_BLOCK, IDENTITY, NOTE_BLOCKS, PROMPT_CHOICES
from canvas.workshops.models import AMBITIONS_AND_COALITIONS, STEP_BLOCK_CHOICES, Vote, Workshop
from networks.models import Network

MIN_MINUTES, MAX_MINUTES = 1, 240
MAX_STEPS = 40  # a long day in five-minute steps is far less

_PROMPT_IN_BLOCK = Q(
    Q(prompt=""),
    *[Q(block=b.slug, prompt__in=[p.slug for p in b.prompts]) for b in NOTE_BLOCKS],
    _connector=Q.OR,
)


class Method(models.TextChoices):
    SILENT = "stil", _("stil schrijven")
    CLUSTER = "clusteren", _("clusteren")
    DISCUSSION = "bespreken", _("bespreken")
    DOT_VOTE = "stemmen", _("stemmen met stippen")
    COMMITMENT = "betrokkenheid", _("betrokkenheidsronde")
    IDENTITY_CARD = "identiteitskaart", _("identiteitskaart")
    PLENARY = "plenair", _("plenair")


def method_problem(block, prompt, method):
    """Return why `method` does not fit the step (a block, its prompt or the band), or ""."""
    band = block == COALITIONS_BLOCK.slug
    if method == Method.SILENT and band:
        return _("Stil schrijven verbergt notities; kies een bouwsteen of vraag met notities.")
    if method == Method.DOT_VOTE and not (band or prompt):
        return _("Stemmen met stippen gaat over één vraag of over de ambities; kies een vraag.")
    if method == Method.COMMITMENT and not band:
        return _("De betrokkenheidsronde hoort bij Ambities en coalities.")
    if method == Method.IDENTITY_CARD and block != IDENTITY.slug:
        return _("De identiteitskaart hoort bij Identiteit.")
    return ""


class AgendaQuerySet(models.QuerySet):
    def plans(self):
        return self.filter(is_template=False)

    def templates(self):
        return self.filter(is_template=True)


class Agenda(models.Model):
    """A workshop's plan: its steps, in order. A template is a plan kept for reuse."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="agendas", verbose_name=_("netwerk")
    )
    title = models.CharField(_("titel"), max_length=200)
    is_template = models.BooleanField(_("eigen sjabloon"), default=False)
    # The workshop that walks (or walked) this agenda; one agenda per workshop.
    workshop = models.OneToOneField(
        Workshop,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda",
        verbose_name=_("workshop"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("gemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = AgendaQuerySet.as_manager()

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agenda's")
        ordering = ["network", "-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_template=False) | Q(workshop__isnull=True),
                name="agenda_template_walks_no_workshop",
            )
        ]

    def __str__(self):
        return self.title

    # -- making one ----------------------------------------------------------------------

    @classmethod
    @transaction.atomic
    def create_from(cls, network, by, source=None, *, is_template=False):
        """Make an agenda from a preset's key, from another agenda (a template), or empty."""
        if isinstance(source, Agenda):
            title = source.title
            rows = [(s.block, s.prompt, s.method, s.minutes) for s in source.steps.all()]
        elif source in PRESETS:
            preset = PRESETS[source]
            title = str(preset.title)
            rows = [(*split_step(step), method, minutes) for step, method, minutes in preset.steps]
        else:
            title, rows = str(_("Nieuwe agenda")), []
        agenda = cls.objects.create(
            network=network, title=title, created_by=by, is_template=is_template
        )
        AgendaStep.objects.bulk_create(
            AgendaStep(agenda=agenda, position=i, block=b, prompt=p, method=m, minutes=n)
            for i, (b, p, m, n) in enumerate(rows)
        )
        return agenda

    def save_as_template(self, by):
        """Keep a copy of this agenda as the network's own template (without its times)."""
        return Agenda.create_from(self.network, by, self, is_template=True)

    # -- its state -----------------------------------------------------------------------

    @property
    def is_done(self):
        """An agenda whose workshop ended is the record of it: it changes no more."""
        return self.workshop_id is not None and self.workshop.ended_at is not None

    @property
    def is_running(self):
        return self.workshop_id is not None and self.workshop.ended_at is None

    @property
    def planned_minutes(self):
        return sum(step.minutes for step in self.steps.all())

    def next_step(self):
        """Return the first step not started yet, or None when all have been."""
        return next((step for step in self.steps.all() if step.started_at is None), None)

    # -- editing -------------------------------------------------------------------------

    def renumber(self, steps):
        for position, step in enumerate(steps):
            step.position = position
        AgendaStep.objects.bulk_update(steps, ["position"])

    def move(self, step, offset):
        """Move `step` one place up (-1) or down (+1); at either end it stays."""
        steps = list(self._fresh_steps())
        i = next(i for i, s in enumerate(steps) if s.pk == step.pk)
        j = i + offset
        if 0 <= j < len(steps):
            steps[i], steps[j] = steps[j], steps[i]
            self.renumber(steps)

    def add_step(self, block, prompt, method, minutes):
        last = (
            AgendaStep.objects.filter(agenda=self)
            .order_by("-position")
            .values_list("position", flat=True)
            .first()
        )
        return AgendaStep.objects.create(
            agenda=self,
            position=0 if last is None else last + 1,
            block=block,
            prompt=prompt,
            method=method,
            minutes=minutes,
        )

    def remove(self, step):
        step.delete()
        self.renumber(list(self._fresh_steps()))

    def _fresh_steps(self):
        # Read again: the page may hold the steps as they were before this change.
        return AgendaStep.objects.filter(agenda=self).order_by("position", "id")

    # -- in the room ---------------------------------------------------------------------

    @transaction.atomic
    def start_step(self, step):
        """Start `step` in the agenda's workshop: go there, apply its method, run its timer.

        The step before it ends now. Return the board anchors whose cards changed (a
        vote opened or closed), or None if the step had started already: a second click
        on "Volgende stap", or a second tab, must not skip a step.
        """
        now = timezone.now()
        if not AgendaStep.objects.filter(pk=step.pk, started_at__isnull=True).update(
            started_at=now
        ):
            return None
        self.steps.filter(started_at__isnull=False, ended_at__isnull=True).exclude(
            pk=step.pk
        ).update(ended_at=now)
        workshop = self.workshop
        workshop.go_to(step.block, step.prompt)
        anchors = []
        if step.method == Method.SILENT:
            workshop.silent = True
            workshop.save(update_fields=["silent"])
        elif step.method == Method.DOT_VOTE:
            anchors = self._open_vote(workshop, step)
        workshop.start_timer(step.minutes)
        return anchors

    def _open_vote(self, workshop, step):
        """Open the step's dot vote; a vote still open closes first (one at a time)."""
        anchors = []
        if (running := workshop.open_vote) is not None:
            running.close()
            anchors.append(running.anchor)
        if step.prompt:
            vote = Vote.objects.create(
                workshop=workshop, target=Vote.Target.PROMPT, prompt=step.prompt
            )
        else:
            vote = Vote.objects.create(workshop=workshop, target=Vote.Target.AMBITIONS)
        anchors.append(vote.anchor)
        return anchors


def split_step(value):
    """Return (block, prompt) of a step value: "identity" or "identity.passion"."""
    block, _dot, prompt = value.partition(".")
    return block, prompt


class AgendaStep(models.Model):
    """One step of an agenda: a block, a prompt or the band; a method; minutes."""

    Method = Method

    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, related_name="steps", verbose_name=_("agenda")
    )
    position = models.PositiveSmallIntegerField(_("plaats"), default=0)
    block = models.CharField(_("bouwsteen"), max_length=20, choices=STEP_BLOCK_CHOICES)
    prompt = models.CharField(_("vraag"), max_length=30, choices=PROMPT_CHOICES, blank=True)
    method = models.CharField(_("werkvorm"), max_length=20, choices=Method)
    minutes = models.PositiveSmallIntegerField(_("minuten"))
    started_at = models.DateTimeField(_("begonnen"), null=True, blank=True)
    ended_at = models.DateTimeField(_("afgelopen"), null=True, blank=True)

    class Meta:
        verbose_name = _("agendastap")
        verbose_name_plural = _("agendastappen")
        ordering = ["agenda", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=MIN_MINUTES, minutes__lte=MAX_MINUTES),
                name="agenda_step_minutes_in_range",
            ),
            models.CheckConstraint(condition=_PROMPT_IN_BLOCK, name="agenda_step_prompt_in_block"),
        ]

    def __str__(self):
        return f"{self.title} — {self.get_method_display()}"

    @property
    def value(self):
        """Return the step as the steering panel's list names it."""
        return f"{self.block}.{self.prompt}" if self.prompt else self.block

    @property
    def title(self):
        if self.prompt:
            return BLOCKS[self.block].prompt(self.prompt).title
        if self.block == COALITIONS_BLOCK.slug:
            return AMBITIONS_AND_COALITIONS
        return BLOCKS[self.block].title

    @property
    def block_title(self):
        """Return the block of a prompt step (printed above the prompt)."""
        return BLOCKS[self.block].title if self.prompt else ""

    @property
    def question(self):
        if self.prompt:
            return BLOCKS[self.block].prompt(self.prompt).questions[0]
        return BLOCKS[self.block].question

    def actual_seconds(self, until=None):
        """Return how long the step ran: until it ended, or `until` (the workshop's end
        or now) for the last one; None if it never started."""
        if self.started_at is None:
            return None
        end = self.ended_at or until or timezone.now()
        return max(0, int((end - self.started_at).total_seconds()))
