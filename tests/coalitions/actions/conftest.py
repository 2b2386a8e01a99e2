import datetime

import pytest
from django.utils import timezone

from coalitions.actions.models import Action
from coalitions.models import Coalition, CoalitionMember


@pytest.fixture
def coalition(network, bob, alice):
    """A coalition of the example network that bob leads and alice takes part in."""
    coalition = Coalition.objects.filter(network=network).order_by("id").first()
    CoalitionMember.objects.filter(coalition=coalition).delete()
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="trekker")
    CoalitionMember.objects.create(coalition=coalition, user=alice, role="lid")
    return coalition


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def make_action(coalition, title="Datum prikken", **kwargs):
    action = Action.objects.create(coalition=coalition, title=title, **kwargs)
    coalition.refresh_next_step()
    return action
