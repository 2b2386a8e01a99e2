"""The board: one network's whole canvas, read in a fixed number of queries.

The board page, its htmx fragments and (later) posters and saved versions read the
canvas through these classes, so the layout never triggers a query per note or card.
"""

from collections import defaultdict
from dataclasses import dataclass, field, fields
from functools import cached_property

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy

from canvas.agenda.models import Agenda
from canvas.models import Cluster, Note
from canvas.prompts import NOTE_BLOCKS
from canvas.replies.models import Reply
from canvas.workshops.forms import next_step, steering_forms
from canvas.workshops.models import Vote, Workshop
from coalitions.actions.models import Action
from coalitions.models import Ambition, Coalition, CoalitionMember, Commitment
from networks.models import Actor, NetworkActor, User

# Labels the board repeats on every note and card: translated once per page rather than
# hundreds of times (a {% translate %} costs a lazy string each time it renders).
BOARD_LABELS = {
    "edit": gettext_lazy("Bewerken"),
    "move": gettext_lazy("Verplaats naar…"),
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
    "coalition_page": gettext_lazy("Acties en contact"),
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
    "why": gettext_lazy("Waarom?"),
    "dot_add": gettext_lazy("Stip"),
    "dot_remove": gettext_lazy("Stip weghalen"),
    "dots_spent": gettext_lazy("geen stippen meer"),
    "involvement": gettext_lazy("Hoe wil jij betrokken zijn?"),
    "who": gettext_lazy("Wie?"),
    "form_coalition": gettext_lazy("Coalitie vormen"),
    "choose_leads": gettext_lazy("Trekkers kiezen"),
    "make_lead": gettext_lazy("Maak trekker"),
    "step_down": gettext_lazy("Terug naar meedoen"),
    "only_lead": gettext_lazy("enige trekker"),
}


class Texts(dict):
    """A dict whose keys read as attributes too. Jinja2 looks `labels.edit` up as an
    attribute first; on a plain dict that raises and is caught before the item is read:
    ~0.5 µs, thousands of times on a board of 400 notes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.__dict__.update(self)


def board_labels():
    """Return the labels in the active language, as plain strings for the templates."""
    return Texts((key, str(label)) for key, label in BOARD_LABELS.items())


# Reading the board's rows. Django builds a model instance field by field, plus one per
# select_related object and a queryset per prefetched relation: ~20 µs an object, and a
# board has about a thousand (400 notes, their authors, 30 cards with partners and
# people). The board reads them instead as values (`values_list`) into the small frozen
# classes below: its read model, a fraction of the cost (`manage.py bench`).
#
# They carry the attribute names the board's tags, templates and Access predicates read
# (`note.author_display`, `coalition.members.all()`, `member.may_edit` …). Where a rule
# is the model's, the read class takes the model's own property or method (they read
# only the fields both have), so each rule has one implementation.


class Related(list):
    """A related list read along with its owner: `.all()` as on a prefetched relation."""

    __slots__ = ()

    def all(self):
        return self


class Row:
    """What every row of the board's read model shares: `pk`, as on a model instance."""

    __slots__ = ()

    @property
    def pk(self):
        return self.id


@dataclass(frozen=True, slots=True)
class Person(Row):
    """A person as the board names them: their name, or else their address (User)."""

    id: int
    name: str
    email: str
    shows_email: bool
    is_guest: bool

    read_from = User
    __str__ = User.__str__
    shared_email = User.shared_email


@dataclass(frozen=True, slots=True)
class NoteRow(Row):
    id: int
    network_id: int | None
    block: str
    prompt: str
    text: str
    status: str
    position: int
    author_id: int | None
    author_name: str
    votes: int
    hidden: bool
    anonymous: bool
    revision: int
    deleted_at: object
    cluster_id: int | None
    author: Person | None

    read_from = Note
    author_display = Note.author_display
    is_rule = Note.is_rule
    is_deleted = Note.is_deleted


@dataclass(frozen=True, slots=True)
class CommitmentRow(Row):
    id: int
    ambition_id: int
    user_id: int
    level: str
    user: Person

    read_from = Commitment


@dataclass(frozen=True, slots=True)
class AmbitionRow(Row):
    id: int
    network_id: int | None
    key: str
    title: str
    description: str
    position: int
    votes: int
    revision: int
    created_by_id: int | None
    hidden: bool
    deleted_at: object
    commitments: Related = field(default_factory=Related)
    # Its coalitions on the board, in their order (filled in by Band).
    board_coalitions: Related = field(default_factory=Related)

    read_from = Ambition
    commitment_levels = Ambition.commitment_levels
    has_doers = Ambition.has_doers
    is_deleted = Ambition.is_deleted


@dataclass(frozen=True, slots=True)
class ActorRow(Row):
    id: int | None
    name: str

    read_from = Actor


@dataclass(frozen=True, slots=True)
class PartnerRow(Row):
    """An actor as a partner of this network (NetworkActor): its role, or none (outside)."""

    id: int
    role: str
    actor: ActorRow

    read_from = NetworkActor
    is_outside = NetworkActor.is_outside


@dataclass(frozen=True, slots=True)
class MemberRow(Row):
    id: int
    coalition_id: int
    user_id: int
    role: str
    user: Person

    read_from = CoalitionMember
    Role = CoalitionMember.Role
    may_edit = CoalitionMember.may_edit


@dataclass(frozen=True, slots=True)
class ActionRow(Row):
    """An open action of a coalition, as its card names the next one."""

    id: int
    coalition_id: int
    title: str
    due_on: object
    status: str
    owner: Person | None

    read_from = Action


@dataclass(frozen=True, slots=True)
class CoalitionRow(Row):
    id: int
    network_id: int | None
    name: str
    work_form: str
    ambition_id: int | None
    target_group: str
    status: str
    next_step: str
    position: int
    votes: int
    revision: int
    deleted_at: object
    core_partners: Related = field(default_factory=Related)
    members: Related = field(default_factory=Related)
    # Its open actions, the next first (a version's coalitions have none: it keeps no actions).
    open_actions: Related = field(default_factory=Related)

    read_from = Coalition
    _members_with = Coalition._members_with
    leads = Coalition.leads
    participants = Coalition.participants
    informed = Coalition.informed
    role_of = Coalition.role_of
    is_deleted = Coalition.is_deleted


def read(queryset, cls, related=None):
    """Return the rows of `queryset` as `cls` objects, read in one `values_list`.

    `cls`'s fields up to its first related object or list are its columns. `related`
    names foreign keys to read along, as select_related does, each with the class to read
    it into: {"author": Person}; a path may pass through another ("networkactor__actor"),
    whose object then holds it. Those objects come after the columns, in the order of
    `related` (a class's related object left out of `related` reads as its key's value).
    Rows that point to the same object share it; an empty key gives None.
    """
    related = related or {}
    paths = {"": cls, **related}
    children = {path: [p for p in related if p.rpartition("__")[0] == path] for path in paths}
    own = {path: _columns(paths[path], children[path]) for path in paths}
    names = [*own[""], *(f"{path}__{name}" for path in related for name in own[path])]
    # The objects a row holds are built first: the deepest paths before their owners.
    order = sorted(related, key=lambda path: -path.count("__"))
    spans, start = {}, len(own[""])
    for path in related:
        spans[path] = (start, start + len(own[path]))
        start += len(own[path])
    shared = {path: {} for path in related}
    objects = []
    for row in queryset.values_list(*names):
        built = {}
        for path in order:
            begin, end = spans[path]
            pk = row[begin]
            if pk is None:
                built[path] = None
                continue
            target = shared[path].get(pk)
            if target is None:
                held = [built[child] for child in children[path]]
                target = shared[path][pk] = paths[path](*row[begin:end], *held)
            built[path] = target
        objects.append(cls(*row[: len(own[""])], *(built[child] for child in children[""])))
    return objects


def _columns(cls, children):
    """Return the fields of `cls` read as columns: those before its related objects."""
    held = [child.rpartition("__")[2] for child in children]
    names = [f.name for f in fields(cls)]
    columns = [
        f.name for f in fields(cls) if f.name not in held and f.default_factory is not Related
    ]
    if names[: len(columns) + len(held)] != [*columns, *held]:
        raise TypeError(f"{cls.__name__} must declare {held} right after its columns")
    return columns


def board_notes(queryset):
    """Return the notes of `queryset` as the board shows them: with their authors, no dates."""
    return read(queryset, NoteRow, {"author": Person})


def _grouped(pairs):
    """Return {owner pk: [items]} from (owner pk, item) `pairs`, in their order."""
    groups = defaultdict(list)
    for pk, item in pairs:
        groups[pk].append(item)
    return groups


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
    # The prompt's clusters, in order: each note with a cluster_id is shown in its one.
    clusters: list = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ClusterRow(Row):
    id: int
    prompt: str
    name: str

    read_from = Cluster


def prompt_clusters(network, prompt=None):
    """Return {prompt slug: [ClusterRow]} of the network (or of one prompt), in order."""
    clusters = Cluster.objects.filter(network=network).order_by("position", "id")
    if prompt is not None:
        clusters = clusters.filter(prompt=prompt.slug)
    return _grouped((c.prompt, c) for c in read(clusters, ClusterRow))


class Band:
    """The ambitions, each with its coalitions, and the coalitions without an ambition."""

    def __init__(self, ambitions, coalitions):
        by_ambition = _grouped((coalition.ambition_id, coalition) for coalition in coalitions)
        for ambition in ambitions:
            ambition.board_coalitions[:] = by_ambition.get(ambition.pk, [])
        self.ambitions = ambitions
        self.loose_coalitions = by_ambition.get(None, [])

    @classmethod
    def load(cls, network, viewer=None):
        """Read the band in five queries: ambitions, commitments, and the `cards`, each
        `read` into the read model (see above). With `viewer`, their own hidden ambitions
        (silent writing) too; others' never."""
        ambitions = read(
            Ambition.all_objects.visible_to(viewer)
            .filter(network=network)
            .order_by("position", "id"),
            AmbitionRow,
        )
        commitments = read(
            Commitment.objects.filter(ambition__in=[a.pk for a in ambitions]).order_by(
                "created_at", "id"
            ),
            CommitmentRow,
            {"user": Person},
        )
        by_ambition = _grouped((c.ambition_id, c) for c in commitments)
        for ambition in ambitions:
            ambition.commitments.extend(by_ambition.get(ambition.pk, ()))
        coalitions = cards(Coalition.objects.filter(network=network).order_by("position", "id"))
        return cls(ambitions, coalitions)


def cards(queryset):
    """Return the coalitions of `queryset` as their cards show them: `read` into the read
    model, with their core partners (by name), people (by arrival) and open actions (the
    next first). Four queries."""
    coalitions = read(queryset, CoalitionRow)
    ids = [coalition.pk for coalition in coalitions]
    links = Coalition.core_partners.through.objects.filter(coalition__in=ids).order_by(
        "networkactor__actor__name"
    )
    partners = _grouped(
        read(links, _PartnerLink, {"networkactor": PartnerRow, "networkactor__actor": ActorRow})
    )
    members = _grouped(
        (m.coalition_id, m)
        for m in read(
            CoalitionMember.objects.filter(coalition__in=ids).order_by("created_at", "id"),
            MemberRow,
            {"user": Person},
        )
    )
    actions = _grouped(
        (a.coalition_id, a)
        for a in read(
            Action.objects.open().filter(coalition__in=ids).by_due(), ActionRow, {"owner": Person}
        )
    )
    for coalition in coalitions:
        coalition.core_partners.extend(partners.get(coalition.pk, ()))
        coalition.members.extend(members.get(coalition.pk, ()))
        coalition.open_actions.extend(actions.get(coalition.pk, ()))
    return coalitions


@dataclass(frozen=True, slots=True)
class _PartnerLink:
    """A row of the coalitions' core partners (the many-to-many table): read as a pair."""

    coalition_id: int
    networkactor: PartnerRow

    def __iter__(self):
        return iter((self.coalition_id, self.networkactor))


class Board:
    """The four note blocks and the band of ambitions and coalitions of one network."""

    def __init__(self, network, notes, band, hidden=None, clusters=None):
        by_prompt = defaultdict(list)
        for note in notes:
            by_prompt[note.prompt].append(note)
        hidden, clusters = hidden or {}, clusters or {}
        self.network = network
        self.sections = [
            Section(
                block,
                [
                    PromptNotes(
                        p, by_prompt[p.slug], hidden.get(p.slug, 0), clusters.get(p.slug, [])
                    )
                    for p in block.prompts
                ],
            )
            for block in NOTE_BLOCKS
        ]
        self.band = band

    @property
    def is_empty(self):
        """Return whether nothing stands on the board yet: no notes (others' hidden ones
        counted), no ambitions, no coalitions."""
        if self.band.ambitions or self.band.loose_coalitions:
            return False
        return not any(p.notes or p.hidden for section in self.sections for p in section.prompts)

    @classmethod
    def load(cls, network, viewer=None, room=None):
        """Read the board as `viewer` sees it: with their own hidden notes, not others'.

        Without a viewer (the projector) only the notes everyone may read.
        """
        notes = board_notes(
            Note.objects.visible_to(viewer).filter(network=network).order_by("position", "id")
        )
        hidden = room.hidden_counts if room is not None else {}
        band = Band.load(network, viewer)
        return cls(network, notes, band, hidden, prompt_clusters(network))

    @classmethod
    def from_document(cls, network, document):
        """Return the board of a `netwerkcanvas/1` document (a saved version), read-only.

        Read into the read model with stand-in ids (for the page's anchors only) and no
        network: a version's items are part of no vote.
        """
        ids = iter(range(1, 1_000_000))
        notes, clusters = [], defaultdict(list)
        for prompt_slug, names in document.get("clusters", {}).items():
            clusters[prompt_slug] = [ClusterRow(next(ids), prompt_slug, name) for name in names]
        for block in NOTE_BLOCKS:
            for prompt in block.prompts:
                by_name = {c.name: c.pk for c in clusters[prompt.slug]}
                for position, item in enumerate(document.get(block.slug, {}).get(prompt.slug, [])):
                    item = {"text": item} if isinstance(item, str) else item
                    status = item.get("status", Note.Status.PROPOSED) if block.has_status else ""
                    notes.append(
                        NoteRow(
                            id=next(ids),
                            network_id=None,
                            block=block.slug,
                            prompt=prompt.slug,
                            text=item["text"],
                            status=status,
                            position=position,
                            author_id=None,
                            author_name=item.get("author", ""),
                            votes=item.get("votes", 0),
                            hidden=False,
                            anonymous=False,
                            revision=1,
                            deleted_at=None,
                            cluster_id=by_name.get(item.get("cluster")),
                            author=None,
                        )
                    )
        actors = {
            item["key"]: PartnerRow(
                id=next(ids),
                role=item.get("role", ""),
                actor=ActorRow(id=None, name=item["name"]),
            )
            for item in document.get("actors", [])
        }
        # Nor who committed to what: a version keeps the canvas, not the people.
        ambitions = {
            item["key"]: AmbitionRow(
                id=next(ids),
                network_id=None,
                key=item["key"],
                title=item["title"],
                description=item.get("description", ""),
                position=position,
                votes=0,
                revision=1,
                created_by_id=None,
                hidden=False,
                deleted_at=None,
            )
            for position, item in enumerate(document.get("ambitions", []))
        }
        coalitions = []
        for position, item in enumerate(document.get("coalitions", [])):
            ambition = ambitions.get(item.get("ambition"))
            partners = [actors[key] for key in item.get("core_partners", []) if key in actors]
            # A version keeps no people: its coalitions show partners, not members.
            coalitions.append(
                CoalitionRow(
                    id=next(ids),
                    network_id=None,
                    name=item["name"],
                    work_form=item.get("work_form", ""),
                    ambition_id=ambition.pk if ambition else None,
                    target_group=item.get("target_group", ""),
                    status=item.get("status", Coalition.Status.IDEA),
                    next_step=item.get("next_step", ""),
                    position=position,
                    votes=0,
                    revision=1,
                    deleted_at=None,
                    core_partners=Related(sorted(partners, key=lambda na: na.actor.name)),
                )
            )
        band = Band(list(ambitions.values()), coalitions)
        return cls(network, notes, band, clusters=clusters)


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
    # An edit saved over a newer revision: True for a note, the newer item for a card.
    conflict: object = None


@dataclass(frozen=True)  # part of the key of a note's stored markup (note_once)
class ItemDots:
    """The dots on one item of the open vote, as one person sees them."""

    mine: int
    total: int | None  # None while the results are hidden
    can_add: bool
    can_remove: bool
    spent: bool = False  # the person has no dots left: "+ Stip" says "geen stippen meer"


class Ballot:
    """One person's part in the open vote: their dots, how many are left, totals if shown."""

    def __init__(self, vote, user, *, shared=False):
        self.vote = vote
        # `shared`: the part every voter's board shares, pushed to all: nobody's dots
        # (each browser keeps its person's own, see live.js).
        self.voting = shared or (user is not None and user.is_authenticated)
        self.mine = vote.dots_of(user) if self.voting and not shared else {}
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
        spent = self.voting and self.left <= 0
        return ItemDots(mine, total, can_add, self.voting and mine > 0, spent)


class Room:
    """The running workshop as one person's board shows it: step, timer, vote, hidden notes.

    Every part is read on first use, so a fragment that never asks costs no query.
    `user` None is the projector: it votes nothing and sees no one's hidden notes.
    """

    def __init__(self, network, user=None):
        self.network, self.user = network, user

    @classmethod
    def shared(cls, network):
        """Return the room as every participant's board shares it: the open vote with
        nobody's dots, and nobody's hidden notes."""
        room = cls(network)
        vote = room.vote
        room.ballot = Ballot(vote, None, shared=True) if vote is not None and vote.is_open else None
        return room

    @classmethod
    def empty(cls, network):
        """Return a room without a workshop: for pages of the past, such as a version."""
        room = cls(network)
        room.workshop = None  # the cached property, known without a query
        room.reply_counts = {}  # a version keeps no replies on its board
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
    def agenda(self):
        """Return the agenda the workshop walks (its steps read with it), or None."""
        if self.workshop is None:
            return None
        agenda = Agenda.objects.filter(workshop=self.workshop).prefetch_related("steps").first()
        if agenda is not None:
            agenda.workshop = self.workshop
        return agenda

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
    def reply_counts(self):
        """Return {note pk: replies this person may read} (“Waarom?”): one query."""
        return Reply.objects.counts(self.network, self.user)

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
    def next_step(self):
        """Return (value, label) of the step after the current one, or None."""
        return next_step(self.workshop) if self.workshop is not None else None

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
