"""Overlap between networks: which actors meet each other where (seed 001, analysis.md §1).

Pure functions over plain data, so they are easy to check by hand. `members` maps a
network id to the set of its actors' ids (actors with a role in it; outside parties of
a coalition are not members). The thresholds are our own heuristics, not findings of the
article: every label is shown next to the figures it comes from.
"""

from collections import defaultdict
from dataclasses import dataclass
from math import comb

from django.utils.translation import gettext_lazy as _

# Below this ontmoetingsgraad members meet mainly here.
LOW_DEGREE = 0.2
# From this ontmoetingsgraad the same people meet nearly everywhere...
HIGH_DEGREE = 0.6
# ...if more than half of those meetings happen in a few (at most three) other networks.
FEW_NETWORKS = 3
CONCENTRATED = 0.5


@dataclass(frozen=True)
class Pair:
    """Two networks N and M side by side."""

    shared: int
    size: int  # |N|
    other_size: int  # |M|

    @property
    def share(self):
        """Return the part of N's actors that are also in M: |N∩M| / |N|."""
        return self.shared / self.size if self.size else 0.0

    @property
    def other_share(self):
        """Return the part of M's actors that are also in N: |N∩M| / |M|."""
        return self.shared / self.other_size if self.other_size else 0.0

    @property
    def jaccard(self):
        """Return |N∩M| / |N∪M|: 1 when both have exactly the same actors."""
        union = self.size + self.other_size - self.shared
        return self.shared / union if union else 0.0


def pair(members, n, m):
    return Pair(len(members[n] & members[m]), len(members[n]), len(members[m]))


def networks_of(members):
    """Return, per actor, the set of networks it is in."""
    index = defaultdict(set)
    for network, actors in members.items():
        for actor in actors:
            index[actor].add(network)
    return index


@dataclass(frozen=True)
class Meetings:
    """How much the actors of one network N also meet each other elsewhere."""

    actors: int  # |N|
    meeting_pairs: int  # pairs of N's actors that are together in at least one other network
    per_network: dict  # other network id → number of N's pairs that meet there
    top_networks: tuple  # the (at most three) other networks where most pairs meet
    top_pairs: int  # meeting pairs that meet in one of the top networks

    @property
    def pairs(self):
        return comb(self.actors, 2)

    @property
    def degree(self):
        """Return the ontmoetingsgraad, or None for a network with fewer than two actors."""
        return self.meeting_pairs / self.pairs if self.pairs else None

    @property
    def spread(self):
        """Return the spreiding: over how many other networks the meetings are spread."""
        return len(self.per_network)

    @property
    def concentration(self):
        """Return the part of the meetings that happen in the top networks (None if none)."""
        return self.top_pairs / self.meeting_pairs if self.meeting_pairs else None

    @property
    def setting(self):
        return setting_for(self.degree, self.concentration)


def _covered_pairs(actor_masks):
    """Return how many pairs of N's actors are together in at least one other network.

    `actor_masks[i]` lists, for N's i-th actor, the bitsets (over N's actors, by index) of
    the other networks it is in: its partners are their union.
    """
    total = 0
    for i, masks in enumerate(actor_masks):
        partners = 0
        for mask in masks:
            partners |= mask
        total += (partners & ~(1 << i)).bit_count()
    return total // 2


def meetings(members, network, index=None):
    """Return the Meetings of `network`; pass `index` (networks_of) when doing many."""
    index = networks_of(members) if index is None else index
    actors = sorted(members[network])
    actor_networks = [[other for other in index[actor] if other != network] for actor in actors]
    masks = defaultdict(int)
    for i, networks in enumerate(actor_networks):
        for other in networks:
            masks[other] |= 1 << i
    # Only networks where at least two of N's actors are together hold a meeting.
    masks = {other: mask for other, mask in masks.items() if mask.bit_count() >= 2}
    per_network = {other: comb(mask.bit_count(), 2) for other, mask in masks.items()}
    top = tuple(sorted(per_network, key=lambda other: (-per_network[other], other))[:FEW_NETWORKS])
    return Meetings(
        actors=len(actors),
        meeting_pairs=_covered_pairs(
            [[masks[o] for o in networks if o in masks] for networks in actor_networks]
        ),
        per_network=per_network,
        top_networks=top,
        top_pairs=_covered_pairs(
            [[masks[o] for o in networks if o in top] for networks in actor_networks]
        ),
    )


def all_meetings(members):
    index = networks_of(members)
    return {network: meetings(members, network, index) for network in members}


@dataclass(frozen=True)
class Setting:
    code: str
    label: str
    explanation: str
    advice: str


WEINIG = Setting(
    "weinig",
    _("weinig overlap"),
    _(
        "De deelnemers komen elkaar vooral in dit netwerk tegen, nauwelijks in andere "
        "netwerken. Zulke netwerken werken meestal goed: de aandacht gaat naar de eigen "
        "opgave, en in het doel ligt het gezamenlijke belang besloten."
    ),
    _("Houd de focus op de eigen opgave van dit netwerk; daar zit de kracht."),
)
STERK = Setting(
    "sterk",
    _("sterke overlap"),
    _(
        "Dezelfde deelnemers komen elkaar in een paar andere netwerken steeds weer tegen. "
        "Ook dat werkt meestal goed: men weet dat men het met elkaar te doen heeft en is "
        "samen verantwoordelijk voor het geheel in de regio."
    ),
    _(
        "Overweeg dakpan- of estafettevergaderingen: laat de netwerken met de grootste "
        "gedeelde groep een paar keer per jaar op dezelfde dag en plek na elkaar vergaderen. "
        "Dat scheelt reistijd en helpt onderwerpen op elkaar af te stemmen."
    ),
)
GEDEELTELIJK = Setting(
    "gedeeltelijk",
    _("gedeeltelijke overlap"),
    _(
        "Een deel van de deelnemers komt elkaar ook in andere netwerken tegen, steeds in "
        "een andere samenstelling. Dat is de lastigste situatie: wat in het ene netwerk "
        "speelt, werkt door in het andere; er is meer ruimte voor strategisch gedrag, en "
        "het gezamenlijke belang is minder duidelijk."
    ),
    _(
        "Maak het gezamenlijke belang van dit netwerk expliciet, en bespreek open wat uit "
        "andere netwerken meespeelt. Leg vast wat hier besloten wordt en wat elders."
    ),
)


def setting_for(degree, concentration):
    """Return the heuristic setting for an ontmoetingsgraad, or None when there is none."""
    if degree is None:
        return None
    if degree < LOW_DEGREE:
        return WEINIG
    if degree >= HIGH_DEGREE and concentration is not None and concentration > CONCENTRATED:
        return STERK
    return GEDEELTELIJK


def partners(members, network, visible):
    """Return the visible networks sharing actors with `network`, and how many others do.

    The first part is a list of (network id, Pair), largest share first; networks the
    viewer may not see are only counted.
    """
    shown, hidden = [], 0
    own = members[network]
    for other, actors in members.items():
        shared = len(own & actors) if other != network else 0
        if not shared:
            continue
        if other in visible:
            shown.append((other, Pair(shared, len(own), len(actors))))
        else:
            hidden += 1
    shown.sort(key=lambda item: (-item[1].shared, item[0]))
    return shown, hidden


def dakpan_partners(members, network, visible, limit=FEW_NETWORKS):
    """Return up to `limit` visible networks to plan a dakpan meeting with: largest share first.

    Only for a network in sterke overlap; the top networks where most meetings happen are
    what the article's dakpan- and estafettevergaderingen join.
    """
    shown, _hidden = partners(members, network, visible)
    return shown[:limit]
