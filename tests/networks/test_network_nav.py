"""The network's tabs: each person sees the ones they use, on every page that has them."""

import re

import pytest
from django.urls import reverse

from networks.models import Membership, User

PAGES = [
    ("networks:detail", "board"),
    ("workshop:list", "workshops"),
    ("networks:actors", "actors"),
    ("record:versions", "versions"),
    ("networks:network_overlap", "overlap"),
    ("networks:scans", "scans"),
    ("networks:advice", "advice"),
    ("networks:signals", "signals"),
]
TAB_NAMES = {
    "board": "Canvas",
    "workshops": "Workshops",
    "actors": "Actoren",
    "versions": "Versies",
    "overlap": "Overlap",
    "scans": "Scans",
    "advice": "Advies",
    "signals": "Signalen",
}


def _tabs(html):
    """Return the texts of the network's tabs on a page."""
    nav = re.search(r'<nav class="network-nav".*?</nav>', html, re.S).group(0)
    return {text.strip() for text in re.findall(r"<a [^>]*>([^<]*)</a>", nav)}


@pytest.fixture
def guest(network, join_link):
    user = User.objects.create_guest("Gina")
    Membership.objects.create(
        network=network, user=user, role=Membership.Role.MEMBER, join_link=join_link
    )
    return user


@pytest.mark.parametrize("name, current", PAGES)
def test_a_facilitator_sees_every_tab_on_every_page(network, alice, client, name, current):
    client.force_login(alice)
    response = client.get(reverse(name, args=[network.slug]))
    assert response.status_code == 200
    tabs = _tabs(response.content.decode())
    assert set(TAB_NAMES.values()) | {"Deelnamecodes", "Mensen", "Activiteit"} <= tabs


def test_a_coordinator_sees_the_analysis_but_not_the_people(network, cora, client):
    client.force_login(cora)
    tabs = _tabs(client.get(f"/n/{network.slug}/").content.decode())
    assert {"Overlap", "Advies", "Signalen", "Activiteit", "Presenteren"} <= tabs
    assert "Mensen" not in tabs and "Deelnamecodes" not in tabs


def test_a_member_sees_the_tabs_members_use(network, bob, client):
    client.force_login(bob)
    tabs = _tabs(client.get(f"/n/{network.slug}/").content.decode())
    assert tabs == {"Canvas", "Ambities en coalities", "Workshops", "Actoren", "Versies", "Scans"}


def test_a_guest_sees_the_canvas_and_the_scans(network, guest, client):
    client.force_login(guest)
    tabs = _tabs(client.get(f"/n/{network.slug}/").content.decode())
    assert tabs == {"Canvas", "Ambities en coalities", "Scans"}


@pytest.mark.parametrize("name, current", PAGES)
def test_the_page_one_is_on_keeps_its_tab(network, guest, client, name, current):
    """A hidden tab is only not offered: its page still opens, and shows where one is."""
    client.force_login(guest)
    html = client.get(reverse(name, args=[network.slug])).content.decode()
    assert TAB_NAMES[current] in _tabs(html)
    assert 'aria-current="page"' in re.search(
        r'<nav class="network-nav".*?</nav>', html, re.S
    ).group(0)
