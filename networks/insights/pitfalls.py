"""Pitfall signals (analysis.md §4, seeds 000 and 002): gentle hints with a remedy.

`gather` reads what the rules need from the database in a fixed number of queries; the
rules themselves are pure functions of those Facts, each returning a Signal or None.
Every signal carries a fingerprint of the situation it describes: a facilitator may put
it aside, and it comes back when the fingerprint changes.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from canvas.models import Note, NoteStatus
from canvas.prompts import IDENTITY, RULES
from canvas.records.models import CanvasVersion
from canvas.workshops.models import Workshop
from coalitions.models import Ambition, Coalition, CoalitionStatus
from networks.insights.models import SignalDismissal
from networks.models import Activity, Membership, NetworkActor

# The heuristics (ours, not the articles'); each signal shows the figures it is based on.
MOST = 0.8  # "(nearly) everyone"
MIN_ACTORS = 5  # in smaller networks doing everything together is only natural
WINDOW = timedelta(days=30)  # the period of the ownership rule
MIN_CHANGES = 10  # fewer changes than this say little about who writes
IDLE = timedelta(days=42)  # an ambition without a coalition for six weeks loses energy
NEWCOMER = timedelta(days=14)  # people who joined recently get time before they count
CANVAS_AREAS = (
    Activity.Area.IDENTITY,
    Activity.Area.RULES,
    Activity.Area.ORGANISATION,
    Activity.Area.LEADERSHIP,
    Activity.Area.AMBITIONS,
    Activity.Area.COALITIONS,
)
# The log's kinds of writing on the canvas (adding or changing, not deleting or moving).
WRITING = (
    "note.added",
    "note.edited",
    "rule.added",
    "rule.edited",
    "rule.agreed",
    "rule.proposed",
    "ambition.added",
    "ambition.edited",
    "coalition.added",
    "coalition.formed",
    "coalition.edited",
    "coalition.lead",
)


@dataclass(frozen=True)
class Link:
    """What a signal names, to go and look at: a place on the board (`anchor`, e.g.
    "coalition-12"), or a page of the network ("activity", "people")."""

    label: str
    anchor: str = ""
    page: str = "board"


MAX_LINKS = 6  # a signal about many items links the first few


@dataclass(frozen=True)
class Signal:
    code: str
    title: str
    finding: str  # what we saw, with the figures
    remedy: str  # what the article advises
    fingerprint: str
    block: str = ""  # the canvas block to look at, if any
    links: tuple = ()  # Links to what the signal names


@dataclass(frozen=True)
class CoalitionFacts:
    id: int
    name: str
    status: str
    next_step: str
    ambition_id: int | None
    core: frozenset  # network actor ids of its core partners


@dataclass
class Facts:
    """What the rules look at, as plain data."""

    now: object
    actors: dict = field(default_factory=dict)  # network actor id (with a role) → joined at
    coalitions: list = field(default_factory=list)  # CoalitionFacts
    ambitions: list = field(default_factory=list)  # (id, title, created at)
    rules: list = field(default_factory=list)  # (note id, prompt, status)
    identity_changed_at: object = None
    changes: list = field(default_factory=list)  # (when, by facilitator/coordinator)
    workshop: tuple | None = None  # (id, start, end) of the last workshop
    members: list = field(default_factory=list)  # (user id, joined at, contributed) of role member
    versions: list = field(
        default_factory=list
    )  # (saved at, identity digest, actor count), newest first


def fingerprint(*parts):
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _percent(part, whole):
    return round(100 * part / whole) if whole else 0


def too_much_together(facts):
    """Alles samen doen: a coalition of nearly everyone, or every ambition carried by all."""
    actors = set(facts.actors)
    if len(actors) < MIN_ACTORS:
        return None
    ongoing = [c for c in facts.coalitions if c.status != CoalitionStatus.DONE]
    big = [c for c in ongoing if len(c.core & actors) >= MOST * len(actors)]
    carriers = {ambition_id: set() for ambition_id, _title, _at in facts.ambitions}
    for coalition in ongoing:
        if coalition.ambition_id in carriers:
            carriers[coalition.ambition_id] |= coalition.core & actors
    everyone_everywhere = len(carriers) >= 2 and all(
        len(carried) >= MOST * len(actors) for carried in carriers.values()
    )
    if not (big or everyone_everywhere):
        return None
    findings = [
        _(
            "Coalitie “%(name)s” heeft %(count)d van de %(total)d actoren als kernpartner "
            "(%(pct)d%%)."
        )
        % {
            "name": c.name,
            "count": len(c.core & actors),
            "total": len(actors),
            "pct": _percent(len(c.core & actors), len(actors)),
        }
        for c in big
    ]
    if everyone_everywhere:
        findings.append(
            _("Alle %(count)d ambities worden door (bijna) alle actoren gedragen.")
            % {"count": len(carriers)}
        )
    return Signal(
        "alles-samen",
        _("Alles samen doen"),
        " ".join(str(text) for text in findings),
        _(
            "Niet iedereen hoeft aan alles mee te doen: dan bepaalt de traagste het tempo. "
            "Vorm kleinere coalities van partners die écht willen, en houd wie niet meedoet "
            "op de hoogte."
        ),
        fingerprint(sorted(c.id for c in big), everyone_everywhere),
        "coalitions",
        tuple(Link(c.name, f"coalition-{c.id}") for c in big[:MAX_LINKS])
        or (Link(_("Ambities en coalities"), "band"),),
    )


def _windows(facts):
    """Return the periods the ownership rule looks at: the last workshop, then 30 days."""
    if facts.workshop is not None:
        workshop_id, start, end = facts.workshop
        text = _("tijdens de laatste werksessie (%(date)s)") % {
            "date": date_format(timezone.localtime(start))
        }
        yield text, start, end, fingerprint("werksessie", workshop_id)
    text = _("in de afgelopen %(days)d dagen") % {"days": WINDOW.days}
    # A new period is a new situation: the signal may return a month later.
    yield text, facts.now - WINDOW, facts.now, fingerprint(facts.now.toordinal() // WINDOW.days)


def ownership(facts):
    """Eigenaarschap bij de facilitator: they made most changes in the last workshop or month."""
    for when, start, end, situation in _windows(facts):
        made = [by_steering for at, by_steering in facts.changes if start <= at <= end]
        total, steering = len(made), sum(made)
        if total >= MIN_CHANGES and steering * 2 > total:
            return Signal(
                "eigenaarschap",
                _("Eigenaarschap bij de facilitator"),
                _(
                    "Van de %(total)d toevoegingen en wijzigingen %(when)s deden "
                    "facilitatoren en coördinatoren er %(steering)d (%(pct)d%%)."
                )
                % {
                    "total": total,
                    "when": when,
                    "steering": steering,
                    "pct": _percent(steering, total),
                },
                _(
                    "Ga als facilitator soms op je handen zitten: het gaat dan wat langzamer, "
                    "maar wel samen. Nodig deelnemers uit zelf te schrijven, en verken samen "
                    "welke rollen bij de facilitator liggen en welke bij de deelnemers."
                ),
                situation,
                links=(Link(_("Activiteit"), page="activity"),),
            )
    return None


def _identity_unchanged_while_growing(versions):
    """Return True if the last three saved versions share one identity while actors grew."""
    if len(versions) < 3:
        return False
    newest, _middle, oldest = versions[:3]
    return len({version[1] for version in versions[:3]}) == 1 and newest[2] > oldest[2]


def frozen_goal(facts):
    """Doel vastgezet: actors joined since the identity last changed."""
    changed = facts.identity_changed_at
    newcomers = sorted(a for a, joined in facts.actors.items() if changed and joined > changed)
    unchanged = _identity_unchanged_while_growing(facts.versions)
    if not (newcomers or unchanged):
        return None
    findings = []
    if newcomers:
        findings.append(
            ngettext(
                "%(count)d actor sloot aan nadat de identiteit voor het laatst veranderde "
                "(%(date)s).",
                "%(count)d actoren sloten aan nadat de identiteit voor het laatst veranderde "
                "(%(date)s).",
                len(newcomers),
            )
            % {"count": len(newcomers), "date": date_format(timezone.localtime(changed))}
        )
    if unchanged:
        findings.append(
            _(
                "In de laatste drie opgeslagen versies bleef de identiteit gelijk, terwijl het "
                "netwerk groeide van %(before)d naar %(after)d actoren."
            )
            % {"before": facts.versions[2][2], "after": facts.versions[0][2]}
        )
    return Signal(
        "doel-vastgezet",
        _("Doel vastgezet"),
        " ".join(findings),
        _(
            "Identiteit is niet statisch: actoren en identiteit beïnvloeden elkaar. Bespreek "
            "de identiteit opnieuw, samen met de nieuwkomers."
        ),
        fingerprint(newcomers, changed and changed.isoformat(), unchanged),
        "identity",
        (Link(_("Identiteit"), "block-identity"), Link(_("Identiteitskaart"), page="identity")),
    )


def idle_ambitions(facts):
    """Ambitions that have had no coalition for a long time: energy leaks away."""
    with_coalition = {c.ambition_id for c in facts.coalitions}
    idle = [
        (ambition_id, title)
        for ambition_id, title, created_at in facts.ambitions
        if ambition_id not in with_coalition and created_at <= facts.now - IDLE
    ]
    if not idle:
        return None
    return Signal(
        "ambitie-zonder-coalitie",
        _("Ambities zonder coalitie"),
        ngettext(
            "%(count)d ambitie heeft al meer dan %(weeks)d weken geen coalitie: %(titles)s.",
            "%(count)d ambities hebben al meer dan %(weeks)d weken geen coalitie: %(titles)s.",
            len(idle),
        )
        % {
            "count": len(idle),
            "weeks": IDLE.days // 7,
            "titles": ", ".join(f"“{title}”" for _id, title in idle),
        },
        _(
            "Zonder coalitie lekt de energie weg. Vraag wie met deze ambitie aan de slag wil "
            "(meedoen of meebepalen), of laat de ambitie bewust los."
        ),
        fingerprint(sorted(ambition_id for ambition_id, _title in idle)),
        "coalitions",
        tuple(Link(title, f"ambition-{ambition_id}") for ambition_id, title in idle[:MAX_LINKS]),
    )


def coalitions_without_step(facts):
    """Coalitions that are not finished and have no next step."""
    stuck = [
        c for c in facts.coalitions if c.status != CoalitionStatus.DONE and not c.next_step.strip()
    ]
    if not stuck:
        return None
    return Signal(
        "coalitie-zonder-stap",
        _("Coalities zonder volgende stap"),
        ngettext(
            "%(count)d coalitie heeft geen volgende stap: %(names)s.",
            "%(count)d coalities hebben geen volgende stap: %(names)s.",
            len(stuck),
        )
        % {"count": len(stuck), "names": ", ".join(f"“{c.name}”" for c in stuck)},
        _("Spreek per coalitie een concrete volgende stap af: wat, wie, en wanneer."),
        fingerprint(sorted(c.id for c in stuck)),
        "coalitions",
        tuple(Link(c.name, f"coalition-{c.id}") for c in stuck[:MAX_LINKS]),
    )


def no_coalition_rule(facts):
    """Coalities but no spelregel about taking part in them."""
    if not facts.coalitions or any(prompt == "coalitions" for _id, prompt, _s in facts.rules):
        return None
    return Signal(
        "geen-coalitieregel",
        _("Geen spelregel over coalities"),
        ngettext(
            "Het netwerk heeft %(count)d coalitie, maar nog geen spelregel over deelname "
            "aan coalities.",
            "Het netwerk heeft %(count)d coalities, maar nog geen spelregel over deelname "
            "aan coalities.",
            len(facts.coalitions),
        )
        % {"count": len(facts.coalitions)},
        _(
            "Spreek af hoe partners deelnemen aan coalities, en hoe wie niet meedoet op de "
            "hoogte blijft."
        ),
        fingerprint("geen-regel"),
        "rules",
        (Link(RULES.prompt("coalitions").title, "prompt-coalitions"),),
    )


def all_rules_proposed(facts):
    """Every spelregel is still a proposal."""
    if not facts.rules or any(status != NoteStatus.PROPOSED for _id, _p, status in facts.rules):
        return None
    return Signal(
        "alles-voorstel",
        _("Alle spelregels nog voorstel"),
        ngettext(
            "De %(count)d spelregel is nog een voorstel.",
            "Alle %(count)d spelregels zijn nog een voorstel.",
            len(facts.rules),
        )
        % {"count": len(facts.rules)},
        _(
            "Spelregels vervangen de hiërarchie die een netwerk mist, maar pas als ze zijn "
            "afgesproken. Neem de voorstellen samen door en besluit erover."
        ),
        fingerprint(sorted(note_id for note_id, _p, _s in facts.rules)),
        "rules",
        (Link(_("Spelregels"), "block-rules"),),
    )


def inner_circle(facts):
    """A binnen- en buitenkring: a good part of the members never contributes."""
    settled = [m for m in facts.members if m[1] <= facts.now - NEWCOMER]
    silent = sorted(user_id for user_id, _joined, contributed in settled if not contributed)
    if len(silent) < 2 or len(silent) * 3 < len(settled):
        return None
    return Signal(
        "binnen-buitenkring",
        _("Een binnen- en een buitenkring"),
        _("%(silent)d van de %(total)d deelnemers hebben nog nooit iets op het canvas gezet.")
        % {"silent": len(silent), "total": len(settled)},
        _(
            "Zo ontstaat een binnenkring die het werk doet en een buitenkring die toekijkt. "
            "Vraag de stille deelnemers wat zij nodig hebben, en geef in de werksessie "
            "iedereen een eigen moment om te schrijven."
        ),
        fingerprint(silent),
        links=(Link(_("Mensen"), page="people"),),
    )


RULES_IN_ORDER = (
    too_much_together,
    ownership,
    frozen_goal,
    idle_ambitions,
    coalitions_without_step,
    no_coalition_rule,
    all_rules_proposed,
    inner_circle,
)


CODES = (
    "alles-samen",
    "eigenaarschap",
    "doel-vastgezet",
    "ambitie-zonder-coalitie",
    "coalitie-zonder-stap",
    "geen-coalitieregel",
    "alles-voorstel",
    "binnen-buitenkring",
)


def compute(facts):
    return [signal for rule in RULES_IN_ORDER if (signal := rule(facts)) is not None]


def gather(network, now=None):
    """Read the Facts of one network in a fixed number of queries."""
    now = now or timezone.now()
    facts = Facts(now=now)
    facts.actors = dict(
        NetworkActor.objects.filter(network=network)
        .exclude(role="")
        .values_list("id", "created_at")
    )
    core = {}
    for coalition_id, actor_id in Coalition.core_partners.through.objects.filter(
        coalition__network=network
    ).values_list("coalition_id", "networkactor_id"):
        core.setdefault(coalition_id, set()).add(actor_id)
    facts.coalitions = [
        CoalitionFacts(id_, name, status, next_step, ambition_id, frozenset(core.get(id_, ())))
        for id_, name, status, next_step, ambition_id in Coalition.objects.filter(
            network=network
        ).values_list("id", "name", "status", "next_step", "ambition_id")
    ]
    facts.ambitions = list(
        Ambition.objects.filter(network=network).values_list("id", "title", "created_at")
    )
    notes = Note.objects.revealed().filter(network=network)
    facts.rules = list(notes.filter(block=RULES.slug).values_list("id", "prompt", "status"))
    facts.identity_changed_at = _latest(
        *Note.all_objects.filter(network=network, block=IDENTITY.slug)
        .aggregate(Max("updated_at"), Max("deleted_at"))
        .values(),
        network.activities.filter(area=Activity.Area.IDENTITY).aggregate(Max("created_at"))[
            "created_at__max"
        ],
    )
    roles = dict(Membership.objects.filter(network=network).values_list("user_id", "role"))
    steering = {Membership.Role.FACILITATOR, Membership.Role.COORDINATOR}
    workshop = (
        Workshop.objects.filter(network=network, started_at__lte=now)
        .order_by("-started_at", "-id")
        .values_list("id", "started_at", "ended_at")
        .first()
    )
    since = now - WINDOW
    if workshop is not None:
        workshop_id, start, end = workshop
        facts.workshop = (workshop_id, start, min(end or now, now))
        since = min(since, start)
    # Not what is still hidden: counting it would tell its author's part before the reveal.
    writing = network.activities.filter(area__in=CANVAS_AREAS, kind__in=WRITING, hidden=False)
    facts.changes = [
        (at, roles.get(user_id) in steering)
        for user_id, at in writing.filter(created_at__gte=since).values_list(
            "user_id", "created_at"
        )
    ]
    contributors = set(writing.order_by().values_list("user_id", flat=True).distinct())
    contributors |= set(notes.order_by().values_list("author_id", flat=True).distinct())
    facts.members = [
        (user_id, joined, user_id in contributors)
        for user_id, joined in Membership.objects.filter(
            network=network, role=Membership.Role.MEMBER
        ).values_list("user_id", "created_at")
    ]
    saved = (
        CanvasVersion.objects.filter(network=network, kind=CanvasVersion.Kind.SAVED)
        .order_by("-created_at", "-id")
        .values_list("created_at", "document")[:3]
    )
    facts.versions = [(at, _identity_of(document), _actors_in(document)) for at, document in saved]
    return facts


def _identity_of(document):
    """Return the identity block of a saved document as comparable data: its texts per prompt."""
    return tuple(
        (prompt, tuple(sorted(n if isinstance(n, str) else n.get("text", "") for n in notes)))
        for prompt, notes in sorted(document.get("identity", {}).items())
    )


def _actors_in(document):
    return sum(1 for actor in document.get("actors", []) if actor.get("role"))


def _latest(*moments):
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None


@dataclass
class Board:
    """The signals of one network: those to show, and those a facilitator put aside."""

    shown: list
    dismissed: list


def for_network(network, now=None):
    signals = compute(gather(network, now))
    put_aside = dict(network.signal_dismissals.values_list("code", "fingerprint"))
    return Board(
        shown=[s for s in signals if put_aside.get(s.code) != s.fingerprint],
        dismissed=[s for s in signals if put_aside.get(s.code) == s.fingerprint],
    )


def dismiss(network, code, user, now=None):
    """Put the current signal `code` aside; return it, or None if it is not showing."""
    signal = next((s for s in compute(gather(network, now)) if s.code == code), None)
    if signal is not None:
        SignalDismissal.objects.update_or_create(
            network=network,
            code=code,
            defaults={"fingerprint": signal.fingerprint, "dismissed_by": user},
        )
    return signal


def restore(network, code):
    SignalDismissal.objects.filter(network=network, code=code).delete()
