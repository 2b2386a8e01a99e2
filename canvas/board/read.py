"""The board: one network's whole canvas, read in a fixed number of queries.

The board page, its htmx fragments and (later) posters and saved versions read the
canvas through these classes, so the layout never triggers a query per note or card.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.db.models.base import ModelState
from django.urls import reverse
from django.utils.translation import gettext_lazy

from canvas.models import Note
from canvas.prompts import NOTE_BLOCKS
from canvas.workshops.forms import steering_forms
from canvas.workshops.models import Vote, Workshop
from coalitions.models import Ambition, Coalition, CoalitionMember, Commitment
from networks.models import Actor, NetworkActor

# Labels the board repeats on every note and card: translated once per page rather than
# hundreds of times (a {% translate %} costs a lazy string each time it renders).
BOARD_LABELS = {
    "edit": gettext_lazy("Bewerken"),
    "up": gettext_lazy("Hoger zetten"),
    "down": gettext_lazy("Lager zetten"),
    "delete": gettext_lazy("Verwijderen"),
    "proposed": gettext_lazy("voorstel"),
    "agreed": gettext_lazy("afgesproken"),
    "to_agreed": gettext_lazy("markeer als afgesproken"),
    "to_proposed": gettext_lazy("zet terug naar voorstel"),
    "ambition": gettext_lazy("Ambitie"),
    "coalition": gettext_lazy("Coalitie"),
    "invitation": gettext_lazy("Open uitnodiging: nog geen coalitie werkt aan deze ambitie."),
    "target_group": gettext_lazy("Doelgroep"),
    "partners": gettext_lazy("Kernpartners"),
    "outside": gettext_lazy("buiten het netwerk"),
    "nobody": gettext_lazy("nog niemand"),
    "next_step": gettext_lazy("Volgende stap"),
    "leads": gettext_lazy("Trekker"),
    "participants": gettext_lazy("Doen mee"),
    "informed": gettext_lazy("Op de hoogte"),
    "me_lead": gettext_lazy("Jij bent trekker"),
    "me_member": gettext_lazy("Jij doet mee"),
    "me_informed": gettext_lazy("Je wordt op de hoogte gehouden"),
    "join": gettext_lazy("Ik doe mee"),
    "inform": gettext_lazy("Houd me op de hoogte"),
    "leave": gettext_lazy("Ik doe niet meer mee"),
    "uninform": gettext_lazy("Niet meer op de hoogte houden"),
    "hidden": gettext_lazy("Verborgen · alleen jij ziet dit"),
    "dot_add": gettext_lazy("Stip"),
    "dot_remove": gettext_lazy("Stip weghalen"),
    "involvement": gettext_lazy("Hoe wil jij betrokken zijn?"),
    "who": gettext_lazy("Wie?"),
    "form_coalition": gettext_lazy("Coalitie vormen"),
    "choose_leads": gettext_lazy("Trekkers kiezen"),
    "make_lead": gettext_lazy("Maak trekker"),
    "step_down": gettext_lazy("Terug naar meedoen"),
    "only_lead": gettext_lazy("enige trekker"),
}


def board_labels():
    """Return the labels in the active language, as plain strings for the templates."""
    return {key: str(label) for key, label in BOARD_LABELS.items()}


# Reading the board's rows. Django builds a model instance field by field, plus one per
# select_related object and a queryset per prefetched relation: ~20 µs an object, and a
# board has about a thousand (400 notes, their authors, 30 cards with partners and
# people). Built straight from `values_list` they cost a fifth: 10 of the board's ~50 ms
# (`manage.py bench`).


def columns(model, *skip):
    """Return the attnames of `model`'s columns, primary key first, but those in `skip`."""
    return [field.attname for field in model._meta.concrete_fields if field.name not in skip]


# What the board reads of a person: their name, or else their address (User.__str__).
PERSON = ["id", "name", "email"]


def rows(queryset, fields, related=None):
    """Return the rows of `queryset` as instances of its model, loaded with `fields` only.

    `related` names foreign keys to load along, as select_related does, each with the
    fields to read (primary key first): {"author": PERSON}. A path may pass through
    another ("networkactor__actor"). Rows that point to the same object share it. Fields
    not read stay deferred, as with `.only()`: reading one later costs a query.
    """
    related = related or {}
    names = [*fields, *(f"{path}__{name}" for path, own in related.items() for name in own)]
    targets = {path: _related_model(queryset.model, path) for path in related}
    shared = {path: {} for path in related}
    instances = []
    for row in queryset.values_list(*names):
        instance = _instance(queryset.model, fields, row, queryset.db)
        loaded, start = {"": instance}, len(fields)
        for path, own in related.items():
            values, start = row[start : start + len(own)], start + len(own)
            owner_path, _sep, name = path.rpartition("__")
            target = None
            if values[0] is not None:
                target = shared[path].get(values[0])
                if target is None:
                    target = _instance(targets[path], own, values, queryset.db)
                    shared[path][values[0]] = target
            if loaded[owner_path] is not None:
                loaded[owner_path]._state.fields_cache[name] = target
            loaded[path] = target
        instances.append(instance)
    return instances


def _instance(model, fields, values, db):
    instance = model.__new__(model)
    instance.__dict__.update(zip(fields, values, strict=False))  # a row may run on
    instance._state = ModelState()
    instance._state.adding, instance._state.db = False, db
    return instance


def _related_model(model, path):
    for name in path.split("__"):
        model = model._meta.get_field(name).related_model
    return model


def board_notes(queryset):
    """Return the notes of `queryset` as the board shows them: with their authors, no dates."""
    return rows(queryset, columns(Note, "created_at", "updated_at"), {"author": PERSON})


def prefetched(instances, relation, pairs):
    """Give each instance its related items, from (instance pk, item) `pairs`, as if
    prefetch_related had read them."""
    groups = defaultdict(list)
    for pk, item in pairs:
        groups[pk].append(item)
    for instance in instances:
        instance._prefetched_objects_cache = {
            **getattr(instance, "_prefetched_objects_cache", {}),
            relation: groups.get(instance.pk, []),
        }


@dataclass
class Section:
    """One block of the canvas with the notes under each of its prompts."""

    block: object
    prompts: list


@dataclass
class PromptNotes:
    prompt: object
    notes: list
    # Notes others wrote during silent writing: counted, never shown.
    hidden: int = 0


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
        """Read the band in five queries: ambitions, commitments, and the `cards`, each as
        `rows` (see above), the related lists as if prefetched."""
        ambitions = rows(network.ambitions.order_by("position", "id"), columns(Ambition))
        commitments = rows(
            Commitment.objects.filter(ambition__in=[a.pk for a in ambitions]).order_by(
                "created_at", "id"
            ),
            columns(Commitment, "created_at", "updated_at"),
            {"user": PERSON},
        )
        prefetched(ambitions, "commitments", ((c.ambition_id, c) for c in commitments))
        coalitions = cards(Coalition.objects.filter(network=network).order_by("position", "id"))
        return cls(ambitions, coalitions)


def cards(queryset):
    """Return the coalitions of `queryset` as their cards show them: as `rows`, with their
    core partners (by name) and people (by arrival) as if prefetched. Three queries."""
    coalitions = rows(queryset, columns(Coalition))
    ids = [coalition.pk for coalition in coalitions]
    partners = rows(
        Coalition.core_partners.through.objects.filter(coalition__in=ids).order_by(
            "networkactor__actor__name"
        ),
        ["coalition_id"],
        {
            "networkactor": columns(NetworkActor, "created_at"),
            "networkactor__actor": columns(Actor, "created_at"),
        },
    )
    partners = ((link.coalition_id, link.networkactor) for link in partners)
    prefetched(coalitions, "core_partners", partners)
    members = rows(
        CoalitionMember.objects.filter(coalition__in=ids).order_by("created_at", "id"),
        columns(CoalitionMember, "created_at"),
        {"user": PERSON},
    )
    prefetched(coalitions, "members", ((m.coalition_id, m) for m in members))
    return coalitions


class Board:
    """The four note blocks and the band of ambitions and coalitions of one network."""

    def __init__(self, network, notes, band, hidden=None):
        by_prompt = defaultdict(list)
        for note in notes:
            by_prompt[note.prompt].append(note)
        hidden = hidden or {}
        self.network = network
        self.sections = [
            Section(
                block,
                [PromptNotes(p, by_prompt[p.slug], hidden.get(p.slug, 0)) for p in block.prompts],
            )
            for block in NOTE_BLOCKS
        ]
        self.band = band

    @classmethod
    def load(cls, network, viewer=None, room=None):
        """Read the board as `viewer` sees it: with their own hidden notes, not others'.

        Without a viewer (the projector) only the notes everyone may read.
        """
        notes = board_notes(
            Note.objects.visible_to(viewer).filter(network=network).order_by("position", "id")
        )
        hidden = room.hidden_counts if room is not None else {}
        return cls(network, notes, Band.load(network), hidden)

    @classmethod
    def from_document(cls, network, document):
        """Return the board of a `netwerkcanvas/1` document (a saved version), read-only.

        Built from unsaved objects with stand-in ids (for the page's anchors only); their
        related lists are filled in as if prefetched, so the template never queries.
        """
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
        for ambition in ambitions.values():
            # Nor who committed to what: a version keeps the canvas, not the people.
            ambition._prefetched_objects_cache = {"commitments": []}
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


@dataclass
class ItemDots:
    """The dots on one item of the open vote, as one person sees them."""

    mine: int
    total: int | None  # None while the results are hidden
    can_add: bool
    can_remove: bool


class Ballot:
    """One person's part in the open vote: their dots, how many are left, totals if shown."""

    def __init__(self, vote, user):
        self.vote = vote
        self.voting = user is not None and user.is_authenticated
        self.mine = vote.dots_of(user) if self.voting else {}
        self.totals = vote.totals() if vote.results_visible else None

    @property
    def used(self):
        return sum(self.mine.values())

    @property
    def left(self):
        return self.vote.dots_per_person - self.used

    def on(self, item):
        """Return the ItemDots of `item`, or None when it is not part of the vote."""
        if not self.vote.covers(item):
            return None
        mine = self.mine.get(item.pk, 0)
        total = None if self.totals is None else self.totals.get(item.pk, 0)
        can_add = self.voting and self.left > 0 and mine < self.vote.max_per_item
        return ItemDots(mine, total, can_add, self.voting and mine > 0)


class Room:
    """The running workshop as one person's board shows it: step, timer, vote, hidden notes.

    Every part is read on first use, so a fragment that never asks costs no query.
    `user` None is the projector: it votes nothing and sees no one's hidden notes.
    """

    def __init__(self, network, user=None):
        self.network, self.user = network, user

    @classmethod
    def empty(cls, network):
        """Return a room without a workshop: for pages of the past, such as a version."""
        room = cls(network)
        room.workshop = None  # the cached property, known without a query
        return room

    @cached_property
    def workshop(self):
        workshop = (
            Workshop.objects.running()
            .filter(network=self.network)
            .select_related("join_link")
            .first()
        )
        if workshop is not None:
            workshop.network = self.network  # known already: no query for it
        return workshop

    @cached_property
    def vote(self):
        """Return the open vote, or else the last closed one of this workshop (its results)."""
        if self.workshop is None:
            return None
        vote = Vote.objects.filter(workshop=self.workshop).order_by("-opened_at", "-id").first()
        if vote is not None:
            vote.workshop = self.workshop
        return vote

    @cached_property
    def ballot(self):
        vote = self.vote
        if vote is None or not vote.is_open:
            return None
        return Ballot(vote, self.user)

    @cached_property
    def hidden_counts(self):
        if self.workshop is None:
            return {}
        return Note.objects.hidden_counts(self.network, self.user)

    @cached_property
    def hidden_total(self):
        """Return how many notes wait for the reveal (for the facilitator's button)."""
        if self.workshop is None:
            return 0
        return self.workshop.hidden_notes().count()

    @property
    def join_address(self):
        """Return where people type the workshop's code, as read aloud: no scheme."""
        site = settings.SITE_URL.split("://", 1)[-1].rstrip("/")
        return site + reverse("networks:enter_code")

    @cached_property
    def steering_forms(self):
        return steering_forms(self.workshop) if self.workshop is not None else {}

    @cached_property
    def results(self):
        """Return the last closed vote's items that got dots, most dots first.

        Shown until the facilitator moves on to another step.
        """
        vote, workshop = self.vote, self.workshop
        if vote is None or vote.is_open:
            return []
        if workshop.step_changed_at and workshop.step_changed_at > vote.closed_at:
            return []
        return [(item, total) for item, total in vote.results() if total]
