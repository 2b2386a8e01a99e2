"""The agendas every network starts from: the standard Netwerk Canvas session, a first
meeting and a coalition-forming session.

Each step is (step, method, minutes): the step as the steering panel names it ("identity",
"identity.passion", "coalitions" for the band of ambitions and coalitions), the method's
value (see `Method` in canvas/agenda/models.py). They follow Common Eye's published
workshop formats: per block silent writing, then cluster, discuss, dot-vote and agree; the
identity through the identiteitskaart; ambitions through the commitment round (weten,
meedenken, meedoen, meebepalen) into coalitions.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    key: str
    title: str
    description: str
    steps: tuple

    @property
    def minutes(self):
        return sum(minutes for _step, _method, minutes in self.steps)


STANDARD = Preset(
    "standaard",
    _("Standaardsessie Netwerk Canvas"),
    _("Identiteit, ambities en coalities, spelregels, organisatie en regie: het hele canvas."),
    (
        ("identity", "plenair", 10),
        ("identity", "identiteitskaart", 20),
        ("identity", "bespreken", 15),
        ("coalitions", "bespreken", 15),
        ("coalitions", "stemmen", 5),
        ("coalitions", "betrokkenheid", 10),
        ("coalitions", "bespreken", 15),
        ("rules", "stil", 10),
        ("rules", "clusteren", 5),
        ("rules", "bespreken", 15),
        ("organisation", "stil", 10),
        ("organisation", "bespreken", 10),
        ("leadership", "stil", 10),
        ("leadership", "bespreken", 10),
        ("leadership", "plenair", 10),
    ),
)

FIRST_MEETING = Preset(
    "eerste",
    _("Eerste bijeenkomst"),
    _("Kennismaken en samen ontdekken wat het netwerk verbindt."),
    (
        ("identity", "plenair", 15),
        ("identity", "identiteitskaart", 20),
        ("identity.passion", "stil", 10),
        ("identity.passion", "clusteren", 10),
        ("identity.passion", "stemmen", 5),
        ("identity.passion", "bespreken", 15),
        ("organisation.participants", "bespreken", 15),
        ("leadership", "plenair", 10),
    ),
)

COALITION_FORMING = Preset(
    "coalities",
    _("Coalities vormen"),
    _("Van ambities naar coalities: wie wil met wie aan de slag?"),
    (
        ("coalitions", "plenair", 10),
        ("coalitions", "bespreken", 15),
        ("coalitions", "stemmen", 5),
        ("coalitions", "betrokkenheid", 10),
        ("coalitions", "bespreken", 20),
        ("rules.coalitions", "stil", 10),
        ("rules.coalitions", "bespreken", 10),
        ("coalitions", "plenair", 10),
    ),
)

PRESETS = {preset.key: preset for preset in (STANDARD, FIRST_MEETING, COALITION_FORMING)}
