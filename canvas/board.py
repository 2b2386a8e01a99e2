"""The board: one network's whole canvas, read in a fixed number of queries.

The board page, its htmx fragments and (later) posters and saved versions read the
canvas through these classes, so the layout never triggers a query per note or card.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch

from canvas.models import Note
from canvas.prompts import NOTE_BLOCKS
from coalitions.models import Coalition, CoalitionMember
from networks.models import NetworkActor


@dataclass
class PromptNotes:
    prompt: object
    notes: list


@dataclass
class Section:
    """One block of the canvas with the notes under each of its prompts."""

    block: object
    prompts: list


class Band:
    """The ambitions, each with its coalitions, and the coalitions without an ambition."""

    def __init__(self, ambitions, coalitions):
        by_ambition = defaultdict(list)
        for coalition in coalitions:
            by_ambition[coalition.ambition_id].append(coalition)
        for ambition in ambitions:
            ambition.board_coalitions = by_ambition.get(ambition.pk, [])
        self.ambitions = ambitions
        self.loose_coalitions = by_ambition.get(None, [])

    @classmethod
    def load(cls, network):
        ambitions = list(network.ambitions.order_by("position", "id"))
        coalitions = list(
            Coalition.objects.filter(network=network)
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
        return cls(ambitions, coalitions)


class Board:
    """The four note blocks and the band of ambitions and coalitions of one network."""

    def __init__(self, network, notes, band):
        by_prompt = defaultdict(list)
        for note in notes:
            by_prompt[note.prompt].append(note)
        self.network = network
        self.sections = [
            Section(block, [PromptNotes(p, by_prompt[p.slug]) for p in block.prompts])
            for block in NOTE_BLOCKS
        ]
        self.band = band

    @classmethod
    def load(cls, network):
        notes = list(
            Note.objects.alive()
            .filter(network=network)
            .select_related("author")
            .order_by("position", "id")
        )
        return cls(network, notes, Band.load(network))


@dataclass
class BoardState:
    """Which part of the board is open as a form, for pages rendered without htmx.

    `kind` is one of: note-add (with `prompt`), note-edit (with `pk`), ambition-add,
    ambition-edit (`pk`), coalition-add (`ambition` pk or None), coalition-edit (`pk`).
    """

    kind: str = ""
    pk: int | None = None
    prompt: str = ""
    ambition: int | None = None
    form: object = None
