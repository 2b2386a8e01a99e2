"""What one workshop brought: the notes added per block, the votes and their results, the
coalitions formed, who committed to what, and the replies under notes (“Waarom?”). Shown
as a page and as an A4 PDF.

Everything is read from the canvas itself within the workshop's period (notes, ambitions
and coalitions by when they were made, commitments by when they were last set, votes by
workshop), so it needs no log of its own. Hidden notes never count (`alive()`), and notes
revealed without names show none. A vote whose results stay hidden until it closes shows no
totals (nor its items in the order of their dots) while it is open: the summary of a
running workshop is open to every member.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.staticfiles import finders
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

from canvas.agenda.models import Agenda
from canvas.models import Note
from canvas.prompts import NOTE_BLOCKS
from canvas.replies.models import Reply
from coalitions.actions.models import Action
from coalitions.models import Coalition, CoalitionMember, Commitment
from networks.models import NetworkActor

PRINT_TEMPLATE = "workshops/workshop_summary_print.html"


@dataclass
class BlockNotes:
    block: object
    prompts: list  # [(prompt, [notes])], only prompts that got notes

    @property
    def count(self):
        return sum(len(notes) for _prompt, notes in self.prompts)


@dataclass
class VoteResult:
    vote: object
    results: list  # [(item, total)], most dots first; empty while the results are hidden
    voters: int

    @property
    def hidden(self):
        return not self.vote.results_visible

    @property
    def dots(self):
        return sum(total for _item, total in self.results)


@dataclass
class NoteReplies:
    """A note and the replies (“Waarom?”) written under it during the workshop."""

    note: object
    replies: list


@dataclass
class AgendaRow:
    step: object
    actual_seconds: int | None  # None: the step never started

    @property
    def actual_minutes(self):
        return None if self.actual_seconds is None else round(self.actual_seconds / 60)

    @property
    def difference(self):
        """Return actual minus planned minutes (0 when on time, or never started)."""
        return 0 if self.actual_seconds is None else self.actual_minutes - self.step.minutes


@dataclass
class AmbitionCommitments:
    ambition: object
    levels: list  # [(level label, [names])], every level, in order from weten to meebepalen


class WorkshopSummary:
    def __init__(
        self, workshop, blocks, ambitions, coalitions, votes, commitments, agenda=(), replies=()
    ):
        self.workshop = workshop
        self.agenda = agenda  # [AgendaRow]: planned against actual minutes, if it had one
        self.replies = list(replies)
        self.network = workshop.network
        self.blocks = blocks
        self.ambitions = ambitions
        self.coalitions = coalitions
        self.votes = votes
        self.commitments = commitments

    @classmethod
    def load(cls, workshop):
        network = workshop.network
        start, end = workshop.period
        made = {"created_at__gte": start, "created_at__lte": end}

        notes = defaultdict(list)
        for note in (
            Note.objects.revealed()
            .filter(network=network, **made)
            .select_related("author")
            .order_by("position", "id")
        ):
            notes[note.prompt].append(note)
        blocks = []
        for block in NOTE_BLOCKS:
            prompts = [(p, notes[p.slug]) for p in block.prompts if notes[p.slug]]
            blocks.append(BlockNotes(block, prompts))

        ambitions = list(network.ambitions.filter(**made).order_by("position", "id"))
        coalitions = list(
            Coalition.objects.filter(network=network, **made)
            .select_related("ambition")
            .prefetch_related(
                Prefetch(
                    "core_partners",
                    queryset=NetworkActor.objects.select_related("actor").order_by("actor__name"),
                ),
                Prefetch(
                    "members",
                    queryset=CoalitionMember.objects.select_related("user").order_by(
                        "created_at", "id"
                    ),
                ),
            )
            .order_by("position", "id")
        )
        votes = [
            VoteResult(vote, vote.results() if vote.results_visible else [], vote.voters())
            for vote in workshop.votes.select_related("workshop__network").order_by("opened_at")
        ]
        summary = cls(
            workshop,
            blocks,
            ambitions,
            coalitions,
            votes,
            _commitments(network, start, end),
            _agenda(workshop, end),
            _replies(network, made),
        )
        # What was agreed to do next: the actions added during the workshop (wat, wie,
        # wanneer), of any coalition still there.
        summary.actions = list(
            Action.objects.alive()
            .filter(coalition__network=network, **made)
            .select_related("coalition", "owner")
            .order_by("coalition__position", "coalition_id", "due_on", "id")
        )
        return summary

    @property
    def planned_minutes(self):
        return sum(row.step.minutes for row in self.agenda)

    @property
    def actual_minutes(self):
        return round(sum(row.actual_seconds or 0 for row in self.agenda) / 60)

    @property
    def quiet_blocks(self):
        """Return the titles of the blocks nothing was added to."""
        return [str(block.block.title) for block in self.blocks if not block.count]

    @property
    def reply_count(self):
        return sum(len(item.replies) for item in self.replies)

    @property
    def note_count(self):
        return sum(block.count for block in self.blocks)

    @property
    def filename(self):
        day = timezone.localtime(self.workshop.started_at).strftime("%Y-%m-%d")
        return f"{slugify(self.workshop.title) or 'workshop'}-{day}.pdf"

    def pdf(self, request=None):
        """Return the summary as an A4 PDF (bytes)."""
        html = render_to_string(PRINT_TEMPLATE, {"summary": self}, request=request)
        fetcher = URLFetcher(allowed_protocols={"file"})  # our own files, never the network
        stylesheet = CSS(filename=finders.find("css/summary-print.css"), url_fetcher=fetcher)
        base = finders.find("css/summary-print.css")
        return HTML(string=html, base_url=base, url_fetcher=fetcher).write_pdf(
            stylesheets=[stylesheet]
        )


def _agenda(workshop, end):
    """Return the agenda's steps with how long each ran: the last one started runs until
    the workshop ended (or until now, while it runs)."""
    agenda = Agenda.objects.filter(workshop=workshop).prefetch_related("steps").first()
    if agenda is None:
        return []
    return [AgendaRow(step, step.actual_seconds(until=end)) for step in agenda.steps.all()]


def _replies(network, made):
    """Return the replies written during the workshop, per note (hidden ones never)."""
    rows = (
        Reply.objects.revealed()
        .filter(note__network=network, **made)
        .select_related("note", "author")
        .order_by("note__block", "note__prompt", "note__position", "note_id", "created_at", "id")
    )
    by_note = {}
    for reply in rows:
        by_note.setdefault(reply.note, []).append(reply)
    return [NoteReplies(note, replies) for note, replies in by_note.items()]


def _commitments(network, start, end):
    """Return the commitments set during the workshop, per ambition, per level."""
    rows = (
        Commitment.objects.filter(
            ambition__network=network,
            ambition__deleted_at__isnull=True,
            ambition__hidden=False,
            updated_at__gte=start,
            updated_at__lte=end,
        )
        .select_related("ambition", "user")
        .order_by("ambition__position", "ambition_id", "created_at", "id")
    )
    by_ambition = {}
    for commitment in rows:
        levels = by_ambition.setdefault(
            commitment.ambition, {level: [] for level in Commitment.Level.values}
        )
        levels[commitment.level].append(str(commitment.user))
    labels = dict(Commitment.Level.choices)
    return [
        AmbitionCommitments(ambition, [(labels[level], names) for level, names in levels.items()])
        for ambition, levels in by_ambition.items()
    ]
