"""The Netwerk Canvas: its blocks, their prompts and guiding questions.

The single source the board, the poster and the interchange format read. The Dutch
texts are the canvas's own vocabulary (Kaats, Opheij, Willems & Van Wendel de Joode,
Common Eye 2015); slugs are the stable keys of the `netwerkcanvas/1` format.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Prompt:
    slug: str
    title: str
    questions: tuple

    @property
    def block(self):
        return BLOCK_OF_PROMPT[self.slug]


@dataclass(frozen=True)
class Block:
    slug: str
    title: str
    question: str
    prompts: tuple
    # Spelregels carry a status (voorstel / afgesproken); other notes do not.
    has_status: bool = False

    def prompt(self, slug):
        return next(p for p in self.prompts if p.slug == slug)


IDENTITY = Block(
    "identity",
    _("Identiteit"),
    _("Wat verbindt ons?"),
    (
        Prompt(
            "passion",
            _("Verbinding op passie"),
            (
                _("Welk gedeeld thema geeft ons energie?"),
                _("Welke waarden en normen delen we?"),
                _("Welke gedeelde overtuiging brengt ons bij elkaar?"),
            ),
        ),
        Prompt(
            "ambition",
            _("Verbinding op ambitie"),
            (
                _("Welke gemeenschappelijke doelen hebben we?"),
                _("Welke perspectieven delen we?"),
                _("Welke impact streven we samen na?"),
            ),
        ),
        Prompt(
            "position",
            _("Verbinding op positie"),
            (
                _("Welke gedeelde opgave hebben we?"),
                _("Welke (maatschappelijke) positie delen we?"),
                _("Welke verantwoordelijkheid delen we?"),
            ),
        ),
        Prompt(
            "style",
            _("Verbinding op stijl"),
            (
                _("Welke stijl van organiseren delen we?"),
                _("Welke stijl van innoveren delen we?"),
                _("Welke stijl van opereren delen we?"),
            ),
        ),
    ),
)

RULES = Block(
    "rules",
    _("Spelregels"),
    _("Wat spreken we af?"),
    (
        Prompt("decisions", _("Besluiten"), (_("Hoe gaan we om met het nemen van besluiten?"),)),
        Prompt("give_take", _("Halen en brengen"), (_("Hoe gaan we om met halen en brengen?"),)),
        Prompt(
            "conflicts",
            _("Conflicten en issues"),
            (_("Hoe gaan we om met conflicten en issues?"),),
        ),
        Prompt(
            "accountability",
            _("Verantwoording"),
            (_("Hoe verantwoorden we ons naar elkaar en naar buiten?"),),
        ),
        Prompt(
            "monitoring",
            _("Monitoren en sanctioneren"),
            (_("Hoe gaan we om met monitoren en sanctioneren?"),),
        ),
        Prompt(
            "membership",
            _("In- en uittreding"),
            (_("Hoe gaan we om met in- en uittreding?"),),
        ),
        Prompt(
            "coalitions",
            _("Deelname aan coalities"),
            (
                _(
                    "Hoe gaan we om met deelname aan coalities, en hoe houden we wie niet "
                    "meedoet op de hoogte?"
                ),
            ),
        ),
    ),
    has_status=True,
)

ORGANISATION = Block(
    "organisation",
    _("Organisatie"),
    _("Op welke manier en waarmee doen we het?"),
    (
        Prompt(
            "participants",
            _("Wie doen mee?"),
            (
                _("Wie nemen deel aan het netwerk?"),
                _("Wie heeft welke rol?"),
                _("Wie komen wat halen en brengen?"),
            ),
        ),
        Prompt(
            "structure",
            _("Hoe richten we het in?"),
            (
                _("Welk netwerkmodel?"),
                _("Hoe doen we communicatie?"),
                _("Welke overlegstructuur?"),
            ),
        ),
        Prompt(
            "resources",
            _("Met welke middelen?"),
            (
                _("Welke bemensing?"),
                _("Hoe regelen we het financieel?"),
                _("Welke ICT en media?"),
            ),
        ),
        Prompt(
            "places",
            _("Waar gebeurt het?"),
            (
                _("Op welke locaties doen we het?"),
                _("Wie levert faciliteiten?"),
                _("Hoe werken we virtueel samen?"),
            ),
        ),
    ),
)

LEADERSHIP = Block(
    "leadership",
    _("Regie en leiderschap"),
    _("Hoe houden we het netwerk vitaal?"),
    (
        Prompt(
            "care",
            _("Zorg voor het netwerk"),
            (_("Hoe organiseren we de zorg voor het netwerk zelf?"),),
        ),
        Prompt(
            "direction",
            _("Vorm van regie"),
            (_("Welke vorm van regie geven we vorm in het netwerk?"),),
        ),
        Prompt(
            "granted_leadership",
            _("Gegund leiderschap"),
            (_("Wie gunnen we het initiatief en leiderschap in het netwerk?"),),
        ),
        Prompt(
            "portfolio",
            _("Portfoliomanagement"),
            (_("Hoe doen we het portfoliomanagement voor het netwerk?"),),
        ),
        Prompt(
            "coherence",
            _("Samenhang"),
            (_("Waar beleggen we de zorg voor de samenhang in het netwerk?"),),
        ),
    ),
)

# The fifth block: coalitions are cards (coalitions.Coalition), not notes, but the
# block's title and question belong with the others.
COALITIONS_BLOCK = Block("coalitions", _("Coalities"), _("Wie gaan wat met elkaar maken?"), ())
AMBITIONS_TITLE = _("Ambities")

# The blocks that hold notes, in the order of the format (and of the poster's reading).
NOTE_BLOCKS = (IDENTITY, RULES, ORGANISATION, LEADERSHIP)
BLOCKS = {block.slug: block for block in (*NOTE_BLOCKS, COALITIONS_BLOCK)}
BLOCK_OF_PROMPT = {prompt.slug: block.slug for block in NOTE_BLOCKS for prompt in block.prompts}
PROMPTS = {prompt.slug: prompt for block in NOTE_BLOCKS for prompt in block.prompts}

BLOCK_CHOICES = [(block.slug, block.title) for block in NOTE_BLOCKS]
PROMPT_CHOICES = [(prompt.slug, prompt.title) for prompt in PROMPTS.values()]
