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

    @classmethod
    def from_document(cls, network, document):
        """Return the board of a `netwerkcanvas/1` document (a saved version), read-only.

        Built from unsaved objects with stand-in ids (for the page's anchors only); their
        related lists are filled in as if prefetched, so the template never queries.
        """
        from coalitions.models import Ambition
        from networks.models import Actor

        ids = iter(range(1, 1_000_000))
        notes = []
        for block in NOTE_BLOCKS:
            for prompt in block.prompts:
                for position, item in enumerate(document.get(block.slug, {}).get(prompt.slug, [])):
                    item = {"text": item} if isinstance(item, str) else item
                    status = item.get("status", Note.Status.PROPOSED) if block.has_status else ""
                    notes.append(
                        Note(
                            id=next(ids),
                            block=block.slug,
                            prompt=prompt.slug,
                            text=item["text"],
                            author_name=item.get("author", ""),
                            votes=item.get("votes", 0),
                            status=status,
                            position=position,
                        )
                    )
        actors = {
            item["key"]: NetworkActor(
                id=next(ids),
                key=item["key"],
                role=item.get("role", ""),
                actor=Actor(name=item["name"], kind=item.get("kind", "")),
            )
            for item in document.get("actors", [])
        }
        ambitions = {
            item["key"]: Ambition(
                id=next(ids),
                key=item["key"],
                title=item["title"],
                description=item.get("description", ""),
                position=position,
            )
            for position, item in enumerate(document.get("ambitions", []))
        }
        coalitions = []
        for position, item in enumerate(document.get("coalitions", [])):
            ambition = ambitions.get(item.get("ambition"))
            coalition = Coalition(
                id=next(ids),
                name=item["name"],
                work_form=item.get("work_form", ""),
                ambition_id=ambition.pk if ambition else None,
                target_group=item.get("target_group", ""),
                status=item.get("status", Coalition.Status.IDEA),
                next_step=item.get("next_step", ""),
                position=position,
            )
            partners = [actors[key] for key in item.get("core_partners", []) if key in actors]
            # A version keeps no people: its coalitions show partners, not members.
            coalition._prefetched_objects_cache = {
                "core_partners": sorted(partners, key=lambda na: na.actor.name),
                "members": [],
            }
            coalitions.append(coalition)
        return cls(network, notes, Band(list(ambitions.values()), coalitions))


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
    # An edit saved over a newer version: True for a note, the newer item for a card.
    conflict: object = None
