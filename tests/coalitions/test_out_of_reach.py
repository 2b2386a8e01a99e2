"""A coalition whose trekkers can no longer reach it is shown to the facilitator."""

from datetime import timedelta

import pytest

from coalitions.models import Coalition, CoalitionMember
from networks.models import JoinLink, Membership, User


@pytest.fixture
def link(network, alice):
    return JoinLink.create_for(network, alice, timedelta(hours=4))


def _coalition(network, name, **people):
    coalition = Coalition.objects.create(network=network, name=name)
    for role, users in people.items():
        for user in users:
            CoalitionMember.objects.create(coalition=coalition, user=user, role=role)
    return coalition


def _guest(link, name):
    guest = User.objects.create_guest(name)
    link.admit(guest)
    return guest


def test_a_coalition_led_only_by_guests_whose_access_ended(network, link, bob):
    gijs, greet = _guest(link, "Gijs"), _guest(link, "Greet")
    by_guests = _coalition(network, "Gasten", trekker=[gijs, greet], lid=[bob])
    with_bob = _coalition(network, "Samen", trekker=[gijs, bob])
    by_bob = _coalition(network, "Bob", trekker=[bob], lid=[gijs])
    assert list(Coalition.out_of_reach(network)) == []  # the link is still valid
    link.revoke()
    found = list(Coalition.out_of_reach(network))
    assert found == [by_guests]
    assert {str(user) for user in found[0].leads} == {"Gijs", "Greet"}
    assert with_bob not in found and by_bob not in found


def test_a_trekker_who_left_the_network_reaches_it_no_more(network, bob, alice):
    coalition = _coalition(network, "Zonder Bob", trekker=[bob])
    Membership.objects.get(user=bob).remove(alice)
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="trekker")
    assert list(Coalition.out_of_reach(network)) == [coalition]


def test_a_guest_who_kept_access_reaches_it(network, link):
    gijs = _guest(link, "Gijs")
    _coalition(network, "Gasten", trekker=[gijs])
    link.revoke()
    gijs.keep_access("gijs@example.org")
    assert list(Coalition.out_of_reach(network)) == []


def test_coalitions_without_trekkers_and_deleted_ones_are_left_out(network, link, alice):
    gijs = _guest(link, "Gijs")
    _coalition(network, "Alleen leden", lid=[gijs])
    deleted = _coalition(network, "Weg", trekker=[gijs])
    deleted.soft_delete(by=alice)
    link.revoke()
    assert list(Coalition.out_of_reach(network)) == []


def test_two_queries_for_any_number(network, link, django_assert_num_queries):
    for n in range(5):
        _coalition(network, f"Coalitie {n}", trekker=[_guest(link, f"Gast {n}")])
    link.revoke()
    with django_assert_num_queries(2):
        found = list(Coalition.out_of_reach(network))
        assert [len(c.leads) for c in found] == [1] * 5
