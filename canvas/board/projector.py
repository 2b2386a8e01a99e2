"""What the projector shows: the running workshop's current step, large, and its charts.

At a prompt step: its question, its other guiding questions and its notes; at a block
step: that block; at the ambitions and coalitions: the band and who commits how; between
steps (no workshop, or none chosen yet): the whole canvas. The projector is nobody: it
reads what everyone may see (no one's hidden notes, no one's dots).
"""

from dataclasses import dataclass
from functools import cached_property

from canvas.board.read import Board, Room
from canvas.models import Note
from canvas.prompts import BLOCKS, COALITIONS_BLOCK, PROMPTS

# A chart of more bars than this is unreadable from the back of the room.
MAX_BARS = 6


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts, how many, and its length in percent."""

    label: str
    count: int
    percent: int


def bars(counts):
    """Return [(label, count)] as bars, the longest 100 % (no count: every bar 0 %)."""
    top = max((count for _label, count in counts), default=0)
    return [Bar(label, count, round(100 * count / top) if top else 0) for label, count in counts]


@dataclass(frozen=True)
class VoteChart:
    """The results of the open vote (when they show live) or of the one just closed."""

    subject: str
    is_open: bool
    visible: bool  # False: an open vote whose results stay hidden until it closes
    voters: int
    bars: list
    more: int  # items beyond the chart's bars
    # The live keys of the notes on its bars: an edited note's event names only itself.
    note_keys: str = ""


@dataclass(frozen=True)
class CommitmentRow:
    """An ambition and how many people chose each of the four levels."""

    id: int
    title: str
    levels: list  # [(LevelCount, Bar)]


class Stage:
    """The projector's page: the step and what goes with it, each read on first use."""

    def __init__(self, network):
        self.network = network
        self.room = Room(network, None)

    @property
    def workshop(self):
        return self.room.workshop

    @cached_property
    def board(self):
        return Board.load(self.network, None, self.room)

    @cached_property
    def kind(self):
        """Return "prompt", "block", "band" or "canvas" (between steps)."""
        workshop = self.workshop
        if workshop is None or not workshop.step_block:
            return "canvas"
        if workshop.step_prompt:
            return "prompt"
        return "band" if workshop.step_block == COALITIONS_BLOCK.slug else "block"

    @cached_property
    def section(self):
        """Return the board's section of the step's block (None at the band or between)."""
        if self.kind not in ("prompt", "block"):
            return None
        slug = self.workshop.step_block
        return next(s for s in self.board.sections if s.block.slug == slug)

    @cached_property
    def prompt(self):
        """Return the step's prompt with its notes (a PromptNotes), at a prompt step."""
        if self.kind != "prompt":
            return None
        slug = self.workshop.step_prompt
        return next(item for item in self.section.prompts if item.prompt.slug == slug)

    @property
    def title(self):
        if self.kind == "prompt":
            return PROMPTS[self.workshop.step_prompt].title
        if self.kind == "band":
            return self.workshop.step_title
        if self.kind == "block":
            return BLOCKS[self.workshop.step_block].title
        return ""

    @property
    def question(self):
        if self.kind == "prompt":
            return self.prompt.prompt.questions[0]
        if self.kind == "block":
            return self.section.block.question
        if self.kind == "band":
            return COALITIONS_BLOCK.question
        return ""

    @property
    def hints(self):
        """Return a prompt step's other guiding questions (hulpvragen)."""
        return self.prompt.prompt.questions[1:] if self.kind == "prompt" else ()

    @property
    def block_title(self):
        """Return the block above a prompt step's title."""
        return BLOCKS[self.workshop.step_block].title if self.kind == "prompt" else ""

    @cached_property
    def vote_chart(self):
        """Return the chart of the open vote, or of the last closed one until the next
        step; None when there is none."""
        vote = self.room.vote
        if vote is None:
            return None
        workshop = self.workshop
        if (
            not vote.is_open
            and workshop.step_changed_at
            and (workshop.step_changed_at > vote.closed_at)
        ):
            return None
        if not vote.results_visible:
            return VoteChart(str(vote.subject), True, False, vote.voters(), [], 0)
        # Most dots first; items without dots only make the chart longer.
        results = [(item, total) for item, total in vote.results() if total]
        counts = [
            (getattr(item, "text", None) or getattr(item, "title", None) or item.name, total)
            for item, total in results[:MAX_BARS]
        ]
        more = max(0, len(results) - MAX_BARS)
        shown = [item for item, _total in results[:MAX_BARS]]
        notes = " ".join(f"note-{item.pk}" for item in shown if isinstance(item, Note))
        chart = bars(counts)
        return VoteChart(str(vote.subject), vote.is_open, True, vote.voters(), chart, more, notes)

    @cached_property
    def commitments(self):
        """Return every ambition with its four levels as bars, all on one scale."""
        ambitions = self.board.band.ambitions
        rows = [(ambition, ambition.commitment_levels(None)) for ambition in ambitions]
        top = max((level.count for _a, levels in rows for level in levels), default=0)

        def bar(level):
            return Bar(level.label, level.count, round(100 * level.count / top) if top else 0)

        return [
            CommitmentRow(ambition.id, ambition.title, [(level, bar(level)) for level in levels])
            for ambition, levels in rows
        ]

    @property
    def commitment_keys(self):
        """Return the live keys the commitments chart follows: the band, each ambition's."""
        return " ".join(["band", *(f"commitments-{row.id}" for row in self.commitments)])
