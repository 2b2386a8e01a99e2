from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.digests.models import MailPreference
from coalitions.models import Coalition
from networks.models import Membership, User
from tests.conftest import make_user

LONG_AGO = timedelta(days=8)


@pytest.fixture
def coalition(network):
    return Coalition.objects.get(network=network, name="Zij-instroom Rivierenland")


@pytest.fixture
def dave(network):
    """A member who only wants to be kept informed."""
    user = make_user("Dave")
    Membership.objects.create(network=network, user=user)
    return user


@pytest.fixture
def people(coalition, alice, bob, cora, dave):
    """Bob takes part, Dave is kept informed; their last digests were long ago. Then Cora
    joins (by herself) and Alice edits the coalition: news for Bob and Dave."""
    coalition.take_part(bob, "lid")
    coalition.take_part(dave, "informed")
    for user in (bob, dave):
        MailPreference.objects.create(user=user, digest_until=timezone.now() - LONG_AGO)
    coalition.take_part(cora, "lid")
    return coalition


def guest_in(network, coalition, name="Gast"):
    guest = User.objects.create_guest(name)
    Membership.objects.create(network=network, user=guest)
    coalition.take_part(guest, "lid")
    return guest
