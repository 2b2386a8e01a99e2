"""A new, empty network guides those who run it through the first steps on its board."""

import pytest

from canvas.board.read import Board
from canvas.board.render import _guides_the_start
from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Ambition
from networks.access import Access
from networks.models import Membership, Network
from tests.conftest import make_user

GUIDE = 'id="start-guide"'


@pytest.fixture
def fresh(db):
    """A network just started by its facilitator, Fleur."""
    fleur = make_user("Fleur")
    network = Network.objects.create(name="Nieuw netwerk", slug="nieuw-netwerk")
    Membership.objects.create(network=network, user=fleur, role=Membership.Role.FACILITATOR)
    return network, fleur


def _board(client, user, network):
    client.force_login(user)
    response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_facilitator_of_a_new_network_sees_the_first_steps(client, fresh):
    network, fleur = fresh
    page = _board(client, fleur, network)
    assert GUIDE in page
    assert f'href="/n/{network.slug}/mensen/#invite"' in page
    assert f'href="/n/{network.slug}/deelnamecodes/"' in page
    assert f'href="/n/{network.slug}/workshops/"' in page
    assert f'href="/n/{network.slug}/identiteitskaart/"' in page
    assert 'href="/over/"' in page


def test_a_coordinator_sees_them_too_without_links_only_facilitators_may_follow(client, fresh):
    network, _fleur = fresh
    cas = make_user("Cas")
    Membership.objects.create(network=network, user=cas, role=Membership.Role.COORDINATOR)
    page = _board(client, cas, network)
    assert GUIDE in page
    assert "Vraag de facilitator om mensen uit te nodigen" in page
    assert "/mensen/" not in page.split(GUIDE)[1].split("</section>")[0]


def test_it_goes_once_someone_joins(client, fresh):
    network, fleur = fresh
    Membership.objects.create(network=network, user=make_user("Bo"))
    assert GUIDE not in _board(client, fleur, network)


@pytest.mark.parametrize("content", ["note", "hidden note", "ambition"])
def test_it_goes_once_the_canvas_has_content(client, fresh, content):
    network, fleur = fresh
    if content == "ambition":
        Ambition.objects.create(network=network, key="a", title="Samen opleiden")
    else:
        Note.add(network, PROMPTS["passion"], "Samen", fleur, hidden=content == "hidden note")
    assert GUIDE not in _board(client, fleur, network)


def test_only_those_who_run_the_network_are_guided(fresh):
    # A member in the network ends the guide anyway; the role is checked all the same.
    network, fleur = fresh
    bo = make_user("Bo")
    membership = Membership(network=network, user=bo, role=Membership.Role.MEMBER)
    board = Board.load(network, bo)
    assert board.is_empty
    assert not _guides_the_start(Access(network, bo, membership), board)
    lead = Membership.objects.get(user=fleur)
    assert _guides_the_start(Access(network, fleur, lead), board)


def test_a_network_with_content_costs_no_query_for_it(
    client, network, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(15) as counted:
        page = client.get(f"/n/{network.slug}/").content.decode()
    assert GUIDE not in page
    assert not any("networks_membership" in q["sql"] and "NOT" in q["sql"] for q in counted)
