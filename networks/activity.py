"""The activity log's vocabulary: each kind of entry, and the one sentence that tells it.

An entry is stored as its kind ("note.added") and its parameters (a subject, a prompt's
slug, a level…), and becomes a sentence only when someone reads it, in the reader's
language. The sentences are whole, so translators see them whole.

Plain data, importing nothing from the apps above `networks`: those apps tell the log
the names of their things (the canvas's blocks and prompts, their choices' labels) with
`register_places` and `register_labels`, from their AppConfig.ready().
"""

from dataclasses import dataclass

from django.db import models
from django.utils import formats
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    """The part of the network an entry is about: the log filters by it."""

    NETWORK = "network", _("netwerk")
    IDENTITY = "identity", _("Identiteit")
    RULES = "rules", _("Spelregels")
    ORGANISATION = "organisation", _("Organisatie")
    LEADERSHIP = "leadership", _("Regie en leiderschap")
    AMBITIONS = "ambitions", _("Ambities")
    COALITIONS = "coalitions", _("Coalities")
    ACTORS = "actors", _("actoren")
    PEOPLE = "people", _("mensen")
    VERSIONS = "versions", _("versies")
    WORKSHOPS = "workshops", _("workshops")
    SCANS = "scans", _("scans")


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its area, and its sentence.

    `sentence` is one sentence, or {value: sentence} chosen by the parameter `by` (the
    key None is for a value the log does not know). An area of "" is the block of the
    note, given when the entry is recorded.
    """

    area: str
    sentence: object
    by: str = ""
    quotes: bool = False  # the subject (a note's text) is shown under the sentence


KINDS = {
    # Notes; during silent writing their text stays out of the log (see Activity.hidden).
    "note.added": Kind(
        "",
        {
            False: _("%(who)s heeft een notitie toegevoegd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een notitie toegevoegd bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "note.edited": Kind(
        "",
        {
            False: _("%(who)s heeft een notitie gewijzigd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een notitie gewijzigd bij %(where)s"),
        },
        by="silent",
    ),
    "note.deleted": Kind(
        "",
        {
            False: _("%(who)s heeft een notitie verwijderd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een notitie verwijderd bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "note.restored": Kind(
        "",
        {
            False: _("%(who)s heeft een notitie teruggezet bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een notitie teruggezet bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "note.moved": Kind(
        "",
        {
            False: _("%(who)s heeft een notitie verplaatst bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een notitie verplaatst bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    # Spelregels are notes in the rules block, with a status.
    "rule.added": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel toegevoegd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel toegevoegd bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "rule.edited": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel gewijzigd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel gewijzigd bij %(where)s"),
        },
        by="silent",
    ),
    "rule.deleted": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel verwijderd bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel verwijderd bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "rule.restored": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel teruggezet bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel teruggezet bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "rule.moved": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel verplaatst bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel verplaatst bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "rule.agreed": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel afgesproken bij %(where)s"),
            True: _("%(who)s heeft tijdens stil schrijven een spelregel afgesproken bij %(where)s"),
        },
        by="silent",
        quotes=True,
    ),
    "rule.proposed": Kind(
        Area.RULES,
        {
            False: _("%(who)s heeft een spelregel teruggezet naar voorstel bij %(where)s"),
            True: _(
                "%(who)s heeft tijdens stil schrijven een spelregel teruggezet naar voorstel "
                "bij %(where)s"
            ),
        },
        by="silent",
        quotes=True,
    ),
    # Ambitions, and how people want to be involved in them. During silent writing (a
    # silent brainstorm) an ambition's title stays out of the log, as a note's text.
    "ambition.added": Kind(
        Area.AMBITIONS,
        {
            False: _("%(who)s heeft de ambitie “%(subject)s” toegevoegd"),
            True: _("%(who)s heeft tijdens stil schrijven een ambitie toegevoegd"),
        },
        by="silent",
    ),
    "ambition.edited": Kind(
        Area.AMBITIONS,
        {
            False: _("%(who)s heeft de ambitie “%(subject)s” gewijzigd"),
            True: _("%(who)s heeft tijdens stil schrijven een ambitie gewijzigd"),
        },
        by="silent",
    ),
    "ambition.deleted": Kind(
        Area.AMBITIONS,
        {
            False: _("%(who)s heeft de ambitie “%(subject)s” verwijderd"),
            True: _("%(who)s heeft tijdens stil schrijven een ambitie verwijderd"),
        },
        by="silent",
    ),
    "ambition.restored": Kind(
        Area.AMBITIONS,
        {
            False: _("%(who)s heeft de ambitie “%(subject)s” teruggezet"),
            True: _("%(who)s heeft tijdens stil schrijven een ambitie teruggezet"),
        },
        by="silent",
    ),
    "commitment.set": Kind(
        Area.AMBITIONS,
        {
            "weten": _("%(who)s wil op de hoogte blijven van de ambitie “%(subject)s”"),
            "meedenken": _("%(who)s denkt mee over de ambitie “%(subject)s”"),
            "meedoen": _("%(who)s doet mee aan de ambitie “%(subject)s”"),
            "meebepalen": _("%(who)s wil de ambitie “%(subject)s” meebepalen en trekken"),
            None: _("%(who)s heeft een keuze gemaakt bij de ambitie “%(subject)s”"),
        },
        by="level",
    ),
    "commitment.withdrawn": Kind(
        Area.AMBITIONS,
        _("%(who)s heeft de keuze voor betrokkenheid bij de ambitie “%(subject)s” ingetrokken"),
    ),
    # Coalitions and who is in them.
    "coalition.added": Kind(
        Area.COALITIONS, _("%(who)s heeft de coalitie “%(subject)s” toegevoegd")
    ),
    "coalition.formed": Kind(
        Area.COALITIONS,
        _("%(who)s heeft de coalitie “%(subject)s” gevormd uit de ambitie “%(ambition)s”"),
    ),
    "coalition.reformed": Kind(
        Area.COALITIONS,
        _(
            "%(who)s heeft de coalitie “%(subject)s” bijgewerkt met wie zich sindsdien "
            "bij de ambitie “%(ambition)s” heeft gemeld"
        ),
    ),
    "coalition.edited": Kind(
        Area.COALITIONS, _("%(who)s heeft de coalitie “%(subject)s” gewijzigd")
    ),
    "coalition.deleted": Kind(
        Area.COALITIONS, _("%(who)s heeft de coalitie “%(subject)s” verwijderd")
    ),
    "coalition.restored": Kind(
        Area.COALITIONS, _("%(who)s heeft de coalitie “%(subject)s” teruggezet")
    ),
    "coalition.joined": Kind(
        Area.COALITIONS,
        {
            "informed": _("%(who)s wordt op de hoogte gehouden van de coalitie “%(subject)s”"),
            "trekker": _("%(who)s trekt de coalitie “%(subject)s”"),
            None: _("%(who)s doet mee in de coalitie “%(subject)s”"),
        },
        by="role",
    ),
    "coalition.left": Kind(
        Area.COALITIONS, _("%(who)s doet niet meer mee in de coalitie “%(subject)s”")
    ),
    "coalition.lead": Kind(
        Area.COALITIONS,
        {
            "trekker": _("%(who)s heeft %(person)s trekker gemaakt van de coalitie “%(subject)s”"),
            None: _(
                "%(who)s heeft %(person)s van trekker naar meedoen gezet in de coalitie "
                "“%(subject)s”"
            ),
        },
        by="role",
    ),
    # What coalitions do between the workshops (coalitions/actions).
    "action.added": Kind(
        Area.COALITIONS,
        _("%(who)s heeft de actie “%(subject)s” toegevoegd aan de coalitie “%(coalition)s”"),
    ),
    "action.edited": Kind(
        Area.COALITIONS,
        _("%(who)s heeft de actie “%(subject)s” van de coalitie “%(coalition)s” gewijzigd"),
    ),
    "action.status": Kind(
        Area.COALITIONS,
        _(
            "%(who)s heeft de actie “%(subject)s” van de coalitie “%(coalition)s” op "
            "%(status)s gezet"
        ),
    ),
    # The network, its actors and its people.
    "network.created": Kind(Area.NETWORK, _("%(who)s heeft het netwerk “%(subject)s” aangemaakt")),
    "network.imported": Kind(
        Area.NETWORK, _("%(who)s heeft het netwerk “%(subject)s” uit een bestand geïmporteerd")
    ),
    "network.edited": Kind(Area.NETWORK, _("%(who)s heeft de gegevens van het netwerk gewijzigd")),
    "actor.added": Kind(Area.ACTORS, _("%(who)s heeft de actor “%(subject)s” toegevoegd")),
    "actor.edited": Kind(Area.ACTORS, _("%(who)s heeft de actor “%(subject)s” gewijzigd")),
    "person.joined": Kind(Area.PEOPLE, _("%(who)s doet mee in het netwerk")),
    "person.invited": Kind(Area.PEOPLE, _("%(who)s heeft %(person)s uitgenodigd")),
    "person.changed": Kind(
        Area.PEOPLE, _("%(who)s heeft de rol of organisatie van %(person)s gewijzigd")
    ),
    "person.removed": Kind(Area.PEOPLE, _("%(who)s heeft %(person)s uit het netwerk gehaald")),
    # Versions of the canvas.
    "version.saved": Kind(Area.VERSIONS, _("%(who)s heeft de versie “%(subject)s” bewaard")),
    "version.kept": Kind(
        Area.VERSIONS,
        _("Vóór de wijziging van %(who)s is het canvas automatisch bewaard als “%(subject)s”"),
    ),
    "version.imported": Kind(
        Area.VERSIONS, _("%(who)s heeft “%(subject)s” als versie geïmporteerd")
    ),
    "version.restored": Kind(Area.VERSIONS, _("%(who)s heeft de versie “%(subject)s” teruggezet")),
    # Workshops.
    "workshop.started": Kind(Area.WORKSHOPS, _("%(who)s heeft de workshop “%(subject)s” gestart")),
    "workshop.revealed": Kind(
        Area.WORKSHOPS,
        {
            True: _("%(who)s heeft de verborgen notities onthuld, met namen"),
            False: _("%(who)s heeft de verborgen notities onthuld, zonder namen"),
            None: _("%(who)s heeft de verborgen notities onthuld"),
        },
        by="names",
    ),
    "workshop.ended": Kind(Area.WORKSHOPS, _("%(who)s heeft de workshop “%(subject)s” beëindigd")),
    # Self-scans.
    "scan.opened": Kind(Area.SCANS, _("%(who)s heeft de scan “%(scan)s” van %(date)s geopend")),
    "scan.closed": Kind(Area.SCANS, _("%(who)s heeft de scan “%(scan)s” van %(date)s gesloten")),
}

# For entries written before the log knew its kinds, when their old action cannot be
# told apart any better (see the migration networks 0006).
LEGACY = "legacy"
_LEGACY_SENTENCE = _("%(who)s: %(subject)s (%(action)s)")
_LEGACY_ACTIONS = {
    "created": _("toegevoegd"),
    "edited": _("gewijzigd"),
    "deleted": _("verwijderd"),
    "restored": _("teruggezet"),
    "moved": _("verplaatst"),
    "joined": _("doet mee"),
    "left": _("doet niet meer mee"),
    "invited": _("uitgenodigd"),
}

FIELD_LABELS = {
    "text": _("tekst"),
    "status": _("status"),
    "role": _("rol"),
    "actor": _("organisatie"),
    "name": _("naam"),
    "title": _("titel"),
    "description": _("beschrijving"),
    "network_type": _("netwerktype"),
    "work_form": _("werkvorm"),
    "ambition": _("gedeelde ambitie"),
    "core_partners": _("kernpartners"),
    "target_group": _("doelgroep"),
    "next_step": _("volgende stap"),
    "kind": _("soort"),
    "prompt": _("vraag"),
    "direction": _("richting"),
    "leads": _("trekkers"),
    "character": _("karakter"),
    "starts_on": _("start"),
    "ends_on": _("einde"),
    "delivered": _("wat het opleverde"),
    "learned": _("wat we leerden"),
    "owner": _("wie"),
    "due_on": _("wanneer"),
}

# What the apps above tell the log (in their AppConfig.ready()).
_BLOCKS = {}  # block slug → title
_PROMPTS = {}  # prompt slug → title
_LABELS = {}  # a stored choice's value → its label


def register_places(blocks, prompts):
    """Tell the log the titles of the canvas's blocks and prompts ({slug: title})."""
    _BLOCKS.update(blocks)
    _PROMPTS.update(prompts)


def register_labels(*choices):
    """Tell the log how to name the values of these choices (TextChoices classes)."""
    for choice in choices:
        _LABELS.update(choice.choices)


def label(value):
    """Return a stored value as people know it: its choice's label, lists joined, — for none."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(label(item)) for item in value)
    if isinstance(value, str):
        if value in _LABELS:
            return _LABELS[value]
        if value in _PROMPTS:
            return _PROMPTS[value]
    return value


def where(area, prompt):
    """Return the place on the canvas: “Identiteit › Verbinding op passie”."""
    parts = [_BLOCKS.get(area), _PROMPTS.get(prompt)]
    return " › ".join(str(part) for part in parts if part)


class _Values(dict):
    # A parameter an entry lacks reads as nothing rather than failing the page.
    def __missing__(self, key):
        return ""


def sentence(kind, params, area, who):
    """Return the entry's sentence in the active language; `who` is the name to show."""
    values = _Values({key: str(value) for key, value in params.items()})
    values["who"] = who
    definition = KINDS.get(kind)
    if definition is None:
        values["action"] = _LEGACY_ACTIONS.get(params.get("action"), params.get("action", ""))
        return _LEGACY_SENTENCE % values
    template = definition.sentence
    if definition.by:
        choice = params.get(definition.by)
        template = template.get(choice, template.get(None, template.get(False)))
    values["where"] = where(area, params.get("prompt"))
    for key in ("level", "scan", "role", "status"):
        if key in params:
            values[key] = str(label(params[key]))
    if params.get("date"):
        day = parse_date(str(params["date"]))
        values["date"] = formats.date_format(day) if day else params["date"]
    return template % values
