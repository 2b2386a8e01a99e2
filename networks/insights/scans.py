"""The two self-scans (analysis.md §2) and how their answers add up.

The statements are our own, in Dutch, as data: a scan stores answers by item code, so
the codes are stable keys and the texts may be improved later. Results are aggregates
only, and nothing is shown for fewer than MIN_RESPONDENTS people: answers stay
anonymous, also to the facilitator.

Only respondents with an account count towards that minimum, for every figure on its
own (a statement, a characteristic, a run). Anyone with a join code can make guests by
the dozen and knows their answers: guests among three respondents would leave one
person's answers to be worked back. Guests' answers do count in the figures, once
enough people with an account answered the same figure.
"""

from dataclasses import dataclass, field
from statistics import fmean, pstdev

from django.utils.translation import gettext_lazy as _

MIN_RESPONDENTS = 3
# From this spread (standard deviation on the 1–5 scale) opinions clearly differ.
DIVIDED = 1.0

SCALE = (
    (1, _("helemaal oneens")),
    (2, _("oneens")),
    (3, _("neutraal")),
    (4, _("eens")),
    (5, _("helemaal eens")),
)
DONT_KNOW = _("weet ik niet")


@dataclass(frozen=True)
class Item:
    code: str
    text: str


@dataclass(frozen=True)
class Characteristic:
    code: str
    title: str
    short: str  # the label on the radar chart
    items: tuple
    question: str = ""


@dataclass(frozen=True)
class ScanDefinition:
    kind: str
    title: str
    intro: str
    characteristics: tuple

    @property
    def items(self):
        return [item for characteristic in self.characteristics for item in characteristic.items]

    @property
    def item_codes(self):
        return [item.code for item in self.items]


KENMERKEN = ScanDefinition(
    "kenmerken",
    _("Zeven kenmerken van een lerend netwerk"),
    _(
        "Hoe staat ons netwerk ervoor als lerend netwerk? Twee uitspraken per kenmerk, "
        "naar de zeven kenmerken van APS en Louise Stoll."
    ),
    (
        Characteristic(
            "doel",
            _("Aantrekkelijk doel en gedeelde focus"),
            _("Doel"),
            (
                Item("doel-1", _("Ik kan in één zin zeggen waar ons netwerk voor staat.")),
                Item(
                    "doel-2",
                    _(
                        "Het doel van het netwerk hangt samen met de ontwikkeldoelen van mijn "
                        "eigen school of organisatie."
                    ),
                ),
            ),
        ),
        Characteristic(
            "onderzoek",
            _("Praktijkonderzoek en zelfevaluatie"),
            _("Onderzoek"),
            (
                Item("onderzoek-1", _("We onderzoeken samen vragen uit onze eigen praktijk.")),
                Item("onderzoek-2", _("We kijken regelmatig terug op wat het netwerk oplevert.")),
            ),
        ),
        Characteristic(
            "praktijk",
            _("Uitdagende, gedeelde praktijkontwikkeling"),
            _("Praktijk"),
            (
                Item(
                    "praktijk-1",
                    _(
                        "In het netwerk maken we samen materialen of aanpakken die we in de "
                        "praktijk gebruiken."
                    ),
                ),
                Item(
                    "praktijk-2",
                    _("Onze bijeenkomsten zijn eerder werkplaatsen dan vergaderingen."),
                ),
            ),
        ),
        Characteristic(
            "vertrouwen",
            _("Vertrouwen en professionele relatie"),
            _("Vertrouwen"),
            (
                Item(
                    "vertrouwen-1",
                    _("Ik durf in het netwerk te laten zien wat nog niet goed gaat."),
                ),
                Item("vertrouwen-2", _("Ik ken de kwaliteiten van de andere deelnemers.")),
            ),
        ),
        Characteristic(
            "eigenaarschap",
            _("Breed gedragen eigenaarschap en betrokkenheid"),
            _("Eigenaarschap"),
            (
                Item(
                    "eigenaarschap-1",
                    _("Het netwerk is van ons allemaal, niet van de coördinator of het bestuur."),
                ),
                Item(
                    "eigenaarschap-2",
                    _(
                        "Collega's in mijn organisatie weten wat het netwerk doet en voelen "
                        "zich erbij betrokken."
                    ),
                ),
            ),
        ),
        Characteristic(
            "leiderschap",
            _("Gedeeld (netwerk)leiderschap"),
            _("Leiderschap"),
            (
                Item("leiderschap-1", _("Ook zonder coördinator gaan onze activiteiten door.")),
                Item("leiderschap-2", _("Deelnemers nemen zelf initiatief in het netwerk.")),
            ),
        ),
        Characteristic(
            "architectuur",
            _("Gefaciliteerde netwerkarchitectuur"),
            _("Architectuur"),
            (
                Item(
                    "architectuur-1",
                    _("Mijn leidinggevende steunt mijn deelname met tijd en middelen."),
                ),
                Item(
                    "architectuur-2",
                    _("Er is een vaste plek en tijd (fysiek of online) om elkaar te ontmoeten."),
                ),
            ),
        ),
    ),
)

SAMENWERKING = ScanDefinition(
    "samenwerking",
    _("Samenwerkingsscan in vier perspectieven"),
    _(
        "Hoe staat onze samenwerking ervoor? Uitspraken over motivatie, organisatie, "
        "interactie en realisatie."
    ),
    (
        Characteristic(
            "motivatie",
            _("Motivatie"),
            _("Motivatie"),
            (
                Item("motivatie-1", _("We voelen samen de urgentie van de opgave.")),
                Item("motivatie-2", _("We hebben een eenduidig beeld van de doelen.")),
                Item("motivatie-3", _("We hebben elkaar echt nodig om die doelen te halen.")),
            ),
            question=_("Waarom werken we samen?"),
        ),
        Characteristic(
            "organisatie",
            _("Organisatie"),
            _("Organisatie"),
            (
                Item("organisatie-1", _("Het is duidelijk hoe besluiten worden genomen.")),
                Item("organisatie-2", _("Er zijn voldoende middelen en mensen.")),
                Item(
                    "organisatie-3",
                    _("Onze eigen organisaties blijven actief betrokken, ook nu het 'belegd' is."),
                ),
            ),
            question=_("Hoe werken we samen: de structuur"),
        ),
        Characteristic(
            "interactie",
            _("Interactie"),
            _("Interactie"),
            (
                Item("interactie-1", _("Partners spreken hun belangen openlijk uit.")),
                Item(
                    "interactie-2",
                    _("Iedereen voelt zich gelijkwaardig, ook wie minder inbrengt."),
                ),
                Item(
                    "interactie-3",
                    _("Bij een wisseling van de wacht blijft de samenwerking goed doorlopen."),
                ),
            ),
            question=_("Hoe werken we samen: de cultuur"),
        ),
        Characteristic(
            "realisatie",
            _("Realisatie"),
            _("Realisatie"),
            (
                Item("realisatie-1", _("Onze resultaten zijn betekenisvol voor de partners.")),
                Item(
                    "realisatie-2",
                    _("We passen onze aanpak tijdig aan als de omstandigheden veranderen."),
                ),
            ),
            question=_("Wat levert het op?"),
        ),
    ),
)

SCANS = {definition.kind: definition for definition in (KENMERKEN, SAMENWERKING)}

# The kenmerken whose items say how close-knit the network is (for the 4C advice).
COHESION_CHARACTERISTICS = ("vertrouwen", "eigenaarschap")


@dataclass(frozen=True)
class Figure:
    """Mean and spread of some answers; `shown` is False for fewer than three people with
    an account among them."""

    n: int
    mean: float | None
    spread: float | None
    counts: tuple = ()  # how many answered 1, 2, 3, 4, 5
    dont_know: int = 0
    counted: int | None = None  # of the n, people with an account; None: all of them

    @property
    def shown(self):
        return (self.n if self.counted is None else self.counted) >= MIN_RESPONDENTS

    @property
    def divided(self):
        return self.shown and self.spread >= DIVIDED

    @property
    def bars(self):
        """Return (value, count, x, width) per scale point: a bar 100 wide, split by answers."""
        total = sum(self.counts) or 1
        bars, x = [], 0.0
        for value, count in zip(range(1, 6), self.counts, strict=True):
            width = 100 * count / total
            bars.append((value, count, round(x, 2), round(width, 2)))
            x += width
        return bars


def summarise(values, dont_know=0, counted=None):
    """Return the Figure of some 1–5 values; nothing but the count below the minimum.

    `counted` is how many of the values came from people with an account (None: all).
    """
    values = list(values)
    if (len(values) if counted is None else counted) < MIN_RESPONDENTS:
        return Figure(len(values), None, None, dont_know=dont_know, counted=counted)
    counts = tuple(values.count(value) for value in range(1, 6))
    return Figure(len(values), fmean(values), pstdev(values), counts, dont_know, counted)


@dataclass
class Results:
    definition: ScanDefinition
    respondents: int
    items: dict = field(default_factory=dict)  # item code → Figure
    characteristics: dict = field(default_factory=dict)  # characteristic code → Figure
    counted: int | None = None  # respondents with an account; None: all of them

    @property
    def shown(self):
        return (self.respondents if self.counted is None else self.counted) >= MIN_RESPONDENTS

    def rows(self, previous=None):
        """Return one row per characteristic with its items, and the change since `previous`."""
        rows = []
        for characteristic in self.definition.characteristics:
            figure = self.characteristics[characteristic.code]
            before = previous.characteristics.get(characteristic.code) if previous else None
            rows.append(
                {
                    "characteristic": characteristic,
                    "figure": figure,
                    "before": before if before and before.shown else None,
                    "change": _change(figure, before),
                    "items": [(item, self.items[item.code]) for item in characteristic.items],
                }
            )
        return rows


def _change(figure, before):
    if not (figure.shown and before and before.shown):
        return None
    return figure.mean - before.mean


def _numeric(answers, codes):
    return [answers[code] for code in codes if isinstance(answers.get(code), int)]


def _marked(answer_sets, counted):
    answer_sets = list(answer_sets)
    counted = [True] * len(answer_sets) if counted is None else [bool(c) for c in counted]
    return list(zip(answer_sets, counted, strict=True))


def _people(marked, codes):
    """Return (each person's own mean over `codes`, whether they count), for those with one."""
    return [(fmean(own), counts) for answers, counts in marked if (own := _numeric(answers, codes))]


def _summarise_people(people):
    return summarise([mean for mean, _counts in people], counted=sum(c for _m, c in people))


def results(definition, answer_sets, counted=None):
    """Return the Results of a scan from each respondent's answers ({item code: 1–5 or None}).

    `counted` says per answer set whether its respondent has an account (None: all do).
    A characteristic's figure is over people: each respondent's own mean over its items,
    so someone who answers two items counts once.
    """
    marked = _marked(answer_sets, counted)
    outcome = Results(definition, respondents=len(marked), counted=sum(c for _answers, c in marked))
    if not outcome.shown:
        marked = []  # not even per-item counts for a group this small
    for characteristic in definition.characteristics:
        codes = [item.code for item in characteristic.items]
        for code in codes:
            numbers = [
                (answers[code], counts)
                for answers, counts in marked
                if isinstance(answers.get(code), int)
            ]
            dont_know = sum(
                1 for answers, _c in marked if code in answers and answers[code] is None
            )
            outcome.items[code] = summarise(
                [value for value, _c in numbers], dont_know, counted=sum(c for _v, c in numbers)
            )
        outcome.characteristics[characteristic.code] = _summarise_people(_people(marked, codes))
    return outcome


def combined(definition, answer_sets, characteristic_codes, counted=None):
    """Return the Figure over people of their own mean on some characteristics together."""
    codes = [
        item.code
        for characteristic in definition.characteristics
        if characteristic.code in characteristic_codes
        for item in characteristic.items
    ]
    marked = _marked(answer_sets, counted)
    if sum(c for _answers, c in marked) < MIN_RESPONDENTS:
        return summarise([])
    return _summarise_people(_people(marked, codes))


def comparable(now_people, before_people):
    """Return whether two runs' figures may be set side by side, from their respondents
    with an account (sets of ids).

    Runs whose people differ by one or two show, in the change between them, mostly those
    few people's answers; the same people, or three or more others, do not.
    """
    differ = len(set(now_people) ^ set(before_people))
    return differ == 0 or differ >= MIN_RESPONDENTS
