"""Advice on form and leadership (analysis.md §3, seed 004).

- Vorm volgt inhoud: three questions suggest a network type (Kenis & Cambré).
- The 4C network leadership model (Klaster, Wind & Wilderom, 2021): two judgements give
  one of four roles.
- Nine factors for organising cooperation, each linked to where the canvas works it out.
Pure data and functions: the view feeds in the stored answers and the canvas's figures.
"""

from collections import Counter
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.insights.models import Cohesion, Orientation
from networks.models import NetworkType

LEARNING, CHAIN, ORGANISATION = NetworkType.LEARNING, NetworkType.CHAIN, NetworkType.ORGANISATION


@dataclass(frozen=True)
class Question:
    code: str
    text: str
    options: tuple  # (network type, answer text)


TYPE_QUESTIONS = (
    Question(
        "purpose",
        _("Waarvoor werken we vooral samen?"),
        (
            (LEARNING, _("Om kennis, informatie en ervaring met elkaar te delen")),
            (CHAIN, _("Om samen een product of dienst te maken")),
            (
                ORGANISATION,
                _("Om een ingewikkeld vraagstuk aan te pakken dat niemand alleen oplost"),
            ),
        ),
    ),
    Question(
        "dependence",
        _("Hoe afhankelijk zijn de partners van elkaar?"),
        (
            (LEARNING, _("Nauwelijks: ieder blijft zelfstandig, meedoen is vrijblijvend")),
            (CHAIN, _("Alleen voor het gezamenlijke product of de gezamenlijke dienst")),
            (ORGANISATION, _("Sterk: zonder de inbreng van ieder lukt het niet")),
        ),
    ),
    Question(
        "impact",
        _("Wat raakt de samenwerking in de eigen organisaties?"),
        (
            (LEARNING, _("Weinig: we nemen vooral nieuwe kennis mee terug")),
            (CHAIN, _("Ondersteunende processen, zoals personeelsadministratie of ICT")),
            (ORGANISATION, _("Het primaire proces: het onderwijs en het personeel zelf")),
        ),
    ),
)

TYPE_DESCRIPTIONS = {
    LEARNING: _(
        "Deelnemers wisselen kennis, informatie en ervaring uit. Ze zijn niet van elkaar "
        "afhankelijk, hun autonomie blijft intact en de kosten zijn beperkt."
    ),
    CHAIN: _(
        "Partners maken samen een product of dienst, meestal in ondersteunende processen. "
        "De winst zit in schaalvoordeel; alleen voor dat product zijn ze van elkaar afhankelijk."
    ),
    ORGANISATION: _(
        "Partners pakken een vraagstuk aan dat geen van hen alleen kan oplossen. Ze zijn sterk "
        "van elkaar afhankelijk en de samenwerking raakt hun primaire processen."
    ),
}


@dataclass(frozen=True)
class TypeSuggestion:
    network_type: str | None  # None while the answers point no single way
    votes: dict  # network type → how many answers point to it
    answered: int

    @property
    def label(self):
        return NetworkType(self.network_type).label if self.network_type else ""

    @property
    def description(self):
        return TYPE_DESCRIPTIONS.get(self.network_type, "")

    @property
    def support(self):
        """Return how many answers point to the suggested type."""
        return self.votes.get(self.network_type, 0)


def suggest_type(answers):
    """Return the type most answers point to; none on a tie or without answers."""
    given = [value for value in answers.values() if value in NetworkType.values]
    votes = Counter(given)
    ranked = votes.most_common()
    suggested = None
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        suggested = ranked[0][0]
    return TypeSuggestion(suggested, dict(votes), len(given))


@dataclass(frozen=True)
class Concern:
    title: str
    text: str


def type_warnings(recorded_type, suggestion, actor_kinds):
    """Return warnings about the network's form: a type mismatch, or too little variety.

    `actor_kinds` lists the kind of each actor with a role in the network ("" if unknown).
    """
    warnings = []
    suggested = suggestion.network_type
    if recorded_type and suggested and recorded_type != suggested:
        warnings.append(
            Concern(
                _("Vorm en inhoud lijken niet bij elkaar te passen"),
                _(
                    "Het netwerk staat geregistreerd als %(recorded)s, maar de antwoorden "
                    "wijzen op een %(suggested)s. Dan gaan inspanningen makkelijk langs "
                    "elkaar heen: bijvoorbeeld een vraagstuk dat om een gezamenlijke aanpak "
                    "vraagt, terwijl de deelnemers vooral van elkaar willen leren. Bespreek "
                    "samen wat het netwerk moet opleveren, en kies de vorm die daarbij past."
                )
                % {
                    "recorded": NetworkType(recorded_type).label,
                    "suggested": NetworkType(suggested).label,
                },
            )
        )
    kinds = [kind.strip().lower() for kind in actor_kinds if kind and kind.strip()]
    if ORGANISATION in (recorded_type, suggested) and len(kinds) >= 2 and len(set(kinds)) == 1:
        warnings.append(
            Concern(
                _("Alle partners zijn van één soort"),
                _(
                    "Alle %(count)d actoren met een bekende soort zijn %(kind)s. Een "
                    "organisatienetwerk pakt een vraagstuk aan dat niemand alleen oplost; "
                    "daarvoor zijn vaak ook andere partners nodig, zoals gemeenten, "
                    "woningcorporaties of vervoerders. Wie ontbreekt er aan tafel?"
                )
                % {"count": len(kinds), "kind": kinds[0]},
            )
        )
    return warnings


# The 4C model: (cohesion, orientation) → role.
LOW, HIGH = Cohesion.LOW, Cohesion.HIGH
INTERACTION, GOALS = Orientation.INTERACTION, Orientation.GOALS
COHESION_ROWS = ((LOW, _("nog weinig sociale cohesie")), (HIGH, _("al een hecht netwerk")))
# From this mean (1–5) on the trust and ownership items, cohesion counts as high.
HIGH_COHESION = 3.5


@dataclass(frozen=True)
class Role:
    code: str
    title: str
    summary: str
    advice: str


ROLES = {
    (LOW, INTERACTION): Role(
        "verbindend",
        _("verbindend"),
        _(
            "Een centrale leider, bescheiden op de inhoud, die vooral interactie stimuleert "
            "en faciliteert."
        ),
        _(
            "Er is nog weinig sociale cohesie, en de meerwaarde zit in de rijke interactie. "
            "Breng mensen met elkaar in gesprek, maak ontmoeting makkelijk, en laat de inhoud "
            "aan de deelnemers."
        ),
    ),
    (LOW, GOALS): Role(
        "consulterend",
        _("consulterend"),
        _("Een centrale leider die werkt aan het vormen van het netwerk en een gedeelde ambitie."),
        _(
            "Er is nog weinig cohesie, maar wel een stevige ambitie. Werk eerst aan een hecht "
            "netwerk en een gedeelde ambitie; verdeel taken en rollen waar dat al kan."
        ),
    ),
    (HIGH, INTERACTION): Role(
        "coachend",
        _("coachend"),
        _("Gedeeld leiderschap: geen leider, of een lichte coachende rol."),
        _(
            "Het netwerk is hecht en heeft een eigen identiteit. Stap terug, laat het "
            "leiderschap rouleren en coach waar dat gevraagd wordt."
        ),
    ),
    (HIGH, GOALS): Role(
        "katalyserend",
        _("katalyserend"),
        _("Leiderschap dat helpt de gedeelde richting en doelen aan te scherpen."),
        _(
            "Er zijn al sterke relaties en gedeelde doelen. Help de richting en doelen scherp "
            "te krijgen, en ondersteun en motiveer deelnemers om ze te halen."
        ),
    ),
}


def leadership_role(cohesion, orientation):
    """Return the 4C role for two judgements, or None while one is missing."""
    return ROLES.get((cohesion, orientation))


def cohesion_from_scan(figure):
    """Return LOW/HIGH from the trust and ownership figure of a scan, or None if not shown."""
    if figure is None or not figure.shown:
        return None
    return HIGH if figure.mean >= HIGH_COHESION else LOW


def orientation_from_type(network_type):
    """Return the orientation a network type suggests: learning networks are about interaction."""
    if network_type == LEARNING:
        return INTERACTION
    if network_type in (CHAIN, ORGANISATION):
        return GOALS
    return None


@dataclass(frozen=True)
class Judgement:
    value: str | None
    source: str  # "facilitator", "scan", "type" or ""

    @property
    def label(self):
        return {**dict(Cohesion.choices), **dict(Orientation.choices)}.get(self.value, "")


def judge(entered, derived, derived_source):
    """Return what the facilitator entered, else what the data suggests."""
    if entered:
        return Judgement(entered, "facilitator")
    if derived:
        return Judgement(derived, derived_source)
    return Judgement(None, "")


@dataclass(frozen=True)
class Factor:
    number: int
    title: str
    text: str
    where: str  # a canvas block slug, or "overlap", "scan", "leadership"
    where_label: str


FACTORS = (
    Factor(
        1,
        _("Verbonden rond eenzelfde vraagstuk"),
        _(
            "Deelnemers werken vanuit eenzelfde context aan een gezamenlijk vraagstuk, en "
            "weten wat zij bijdragen en wat zij eraan hebben."
        ),
        "identity",
        _("Identiteit: verbinding op positie"),
    ),
    Factor(
        2,
        _("Gevoelde noodzaak of urgentie"),
        _("Een gedeelde urgentie geeft de samenwerking legitimiteit."),
        "identity",
        _("Identiteit: verbinding op ambitie"),
    ),
    Factor(
        3,
        _("Houd het klein en dichtbij"),
        _(
            "In een groot netwerk ontstaat snel stroperigheid; werk met kleine groepjes "
            "die een deelvraagstuk zelfstandig oppakken."
        ),
        "coalitions",
        _("Coalities"),
    ),
    Factor(
        4,
        _("Structuur en enige organisatie"),
        _(
            "Helderheid over wie meedoen, in welke rol, en of zij daarvoor zijn toegerust "
            "in kennis, tijd en middelen."
        ),
        "organisation",
        _("Organisatie"),
    ),
    Factor(
        5,
        _("Heldere spelregels"),
        _(
            "Afspraken over kaders, financiering en besluiten, met ruimte voor eigen "
            "initiatief, zonder star te worden."
        ),
        "rules",
        _("Spelregels"),
    ),
    Factor(
        6,
        _("Zie besluitvorming als proces"),
        _(
            "Besluiten in een netwerk verlopen grillig; investeer in procesmanagement: "
            "ontmoeting faciliteren en de ontwikkeling begeleiden."
        ),
        "rules",
        _("Spelregels: besluiten"),
    ),
    Factor(
        7,
        _("Kies passend leiderschap"),
        _("Welke leiderschapsrol past bij de cohesie en het doel van het netwerk nu?"),
        "leadership",
        _("Regie en leiderschap: het 4C-advies"),
    ),
    Factor(
        8,
        _("Investeer in sociaal kapitaal"),
        _(
            "Relaties onderhouden versterkt identiteit en vertrouwen, ook met andere "
            "netwerken waar dezelfde partners in zitten."
        ),
        "overlap",
        _("Overlap met andere netwerken"),
    ),
    Factor(
        9,
        _("Een lerende, ontwikkelende cultuur"),
        _(
            "Vertrouwen, reflectie, experimenteren en gelijkwaardigheid als onderdeel van "
            "ieders werk."
        ),
        "scan",
        _("Scan: zeven kenmerken van een lerend netwerk"),
    ),
)


@dataclass(frozen=True)
class Leadership:
    """The 4C advice for one network, with where each judgement came from."""

    cohesion: Judgement
    orientation: Judgement
    role: Role | None
    cohesion_figure: object  # scans.Figure of the trust and ownership items, or None
    scan: object  # the scan that figure came from, or None


def leadership_for(network, assessment):
    """Return the Leadership advice: the facilitator's judgements, else the data's."""
    from networks.insights import scans

    scan = (
        network.scans.filter(kind=scans.KENMERKEN.kind, closes__lte=timezone.now())
        .order_by("-closes", "-id")
        .first()
    )
    figure = None
    if scan is not None:
        answers, counted = scan.answer_sets()
        figure = scans.combined(scans.KENMERKEN, answers, scans.COHESION_CHARACTERISTICS, counted)
    cohesion = judge(assessment.cohesion, cohesion_from_scan(figure), "scan")
    network_type = network.network_type or suggest_type(assessment.type_answers).network_type
    orientation = judge(assessment.orientation, orientation_from_type(network_type), "type")
    return Leadership(
        cohesion,
        orientation,
        leadership_role(cohesion.value, orientation.value),
        figure,
        scan,
    )
