"""Plain factories for the overlap, scan and signal tests: a small region of networks."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from canvas.tools.demo_region import add_region
from networks.insights.models import Scan, ScanResponse
from networks.models import Actor, Membership, Network, NetworkActor
from tests.conftest import make_user


def make_network(name, actors, role=NetworkActor.Role.PARTICIPANT, **kwargs):
    """Create a network whose members are `actors` (Actor objects or names)."""
    network = Network.objects.create(name=name, slug=slugify(name), **kwargs)
    for actor in actors:
        if isinstance(actor, str):
            actor = Actor.objects.get_or_create(name=actor)[0]
        NetworkActor.objects.create(network=network, actor=actor, key=f"a{actor.pk}", role=role)
    return network


def join(user, network, role=Membership.Role.MEMBER):
    return Membership.objects.create(network=network, user=user, role=role)


def make_region(network, user):
    """Add the demo's networks around the example `network`; `user` coordinates four.

    Returns the networks `user` may see, and those they may not see.
    """
    return add_region(network, user)


def make_closed_scan(network, answers_per_person, kind="kenmerken", days_ago=1, opener=None):
    """Create a closed scan with one response per answers dict (new people each time)."""
    closes = timezone.now() - timedelta(days=days_ago)
    scan = Scan.objects.create(
        network=network,
        kind=kind,
        opened_by=opener,
        opens=closes - timedelta(days=14),
        closes=closes,
    )
    for n, answers in enumerate(answers_per_person):
        person = make_user(f"Respondent {scan.pk}-{n}", email=f"r{scan.pk}-{n}@example.org")
        join(person, network)
        ScanResponse.objects.create(scan=scan, respondent=person, answers=answers)
    return scan
