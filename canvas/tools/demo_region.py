"""Neighbouring networks and past scans for the demo: overlap needs more than one network.

Used by `manage.py demo` and by the tests. Running it again adds nothing twice.
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from networks.insights.models import Scan, ScanResponse
from networks.insights.scans import KENMERKEN
from networks.models import Actor, Membership, Network, NetworkActor, User

# The example network's actors by their key, and a few schools of its own.
SCHOOLS = ["Kindcentrum De Regenboog", "Kindcentrum Het Anker", "Kindcentrum De Vlinder"]
COACHES = ["Kindcentrum De Wielewaal", "Kindcentrum De Fakkel", "Kindcentrum Sterrenwacht"]
# (name, members, whether the coordinator takes part): the last two stay out of sight.
REGION = [
    ("Samenwerkingsverband Passend Onderwijs", ["linge", "betuwe", "waal", *SCHOOLS], True),
    ("Samen Opleiden Gelderland-Zuid", ["hsr", "linge", "betuwe", "roc", "waal"], True),
    ("Techniekcoalitie Betuwe", ["betuwe", "roc", "techniek", "tiel", "culemborg"], True),
    ("Leernetwerk starterscoaches", ["hsr", *COACHES], True),
    ("Regionaal overleg kansengelijkheid", ["linge", "waal", "tiel", "culemborg"], False),
    ("Bestuurlijk overleg vo", ["betuwe", "roc"], False),
]


@transaction.atomic
def add_region(network, coordinator):
    """Add the networks around `network`; return those `coordinator` sees, and the others."""
    by_key = {na.key: na.actor for na in network.network_actors.select_related("actor")}
    seen, unseen = [], []
    for name, keys, visible in REGION:
        neighbour, created = Network.objects.get_or_create(
            name=name, defaults={"slug": Network.unique_slug(name)}
        )
        if created:
            for key in keys:
                actor = (
                    by_key.get(key)
                    or Actor.objects.get_or_create(name=key, defaults={"kind": "school"})[0]
                )
                NetworkActor.objects.create(
                    network=neighbour,
                    actor=actor,
                    key=f"a{actor.pk}",
                    role=NetworkActor.Role.PARTICIPANT,
                )
        if visible:
            Membership.objects.get_or_create(
                network=neighbour,
                user=coordinator,
                defaults={"role": Membership.Role.COORDINATOR},
            )
        (seen if visible else unseen).append(neighbour)
    return seen, unseen


@transaction.atomic
def add_scans(network):
    """Give `network` two closed runs of the seven-characteristics scan, if it has none."""
    if network.scans.exists():
        return
    rng = random.Random(2026)
    now = timezone.now()
    # Results count only respondents with an account: demo accounts without a password
    # and without a network, a few of them in both runs (which differ by more than two,
    # so the second run shows the change since the first).
    respondents = [
        User.objects.get_or_create(
            email=f"respondent{n}@demo.invalid",
            defaults={"name": f"Respondent {n}", "password": make_password(None)},
        )[0]
        for n in range(1, 12)
    ]
    runs = ((200, respondents[:6], (2, 3, 3, 4)), (10, respondents[3:], (3, 4, 4, 5, None)))
    for days_ago, people, scale in runs:
        closes = now - timedelta(days=days_ago)
        scan = Scan.objects.create(
            network=network, kind=KENMERKEN.kind, opens=closes - timedelta(days=14), closes=closes
        )
        ScanResponse.objects.bulk_create(
            ScanResponse(
                scan=scan,
                respondent=person,
                answers={c: rng.choice(scale) for c in KENMERKEN.item_codes},
            )
            for person in people
        )
