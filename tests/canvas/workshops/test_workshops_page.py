"""The workshops page: the list of past workshops, and starting one (facilitators)."""

import pytest

from canvas.workshops.models import Workshop
from networks.models import Activity
from tests.canvas.workshops import start_workshop


def _url(network):
    return f"/n/{network.slug}/workshops/"


def test_a_facilitator_starts_a_workshop(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network), {"title": "Workshop 2 — identiteit en ambities"})
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#workshop"
    workshop = Workshop.objects.get()
    assert (workshop.title, workshop.started_by, workshop.is_running) == (
        "Workshop 2 — identiteit en ambities",
        alice,
        True,
    )
    assert Activity.objects.filter(network=network, kind="workshop.started").exists()


@pytest.mark.parametrize("who", ["cora", "bob"])
def test_others_may_not_start_one(network, who, request, client):
    client.force_login(request.getfixturevalue(who))
    assert client.post(_url(network), {"title": "Eigen workshop"}).status_code == 403
    assert not Workshop.objects.exists()
    assert "Een workshop beginnen" not in client.get(_url(network)).content.decode()


def test_a_stranger_gets_a_404(network, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404


def test_a_title_is_needed(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network), {"title": "  "})
    assert response.status_code == 422
    assert "Geef de workshop een titel." in response.content.decode()
    assert not Workshop.objects.exists()


def test_a_second_running_workshop_is_refused(network, alice, client):
    start_workshop(network, alice)
    client.force_login(alice)
    response = client.post(_url(network), {"title": "Nog een"})
    assert response.status_code == 422
    assert "Er loopt al een workshop" in response.content.decode()
    assert Workshop.objects.count() == 1


def test_it_lists_past_workshops_with_their_summaries(network, alice, bob, client):
    past = start_workshop(network, alice, title="Workshop 1 — kennismaken")
    past.end()
    running = start_workshop(network, alice, title="Workshop 2 — nu")
    client.force_login(bob)
    html = client.get(_url(network)).content.decode()
    assert f"/n/{network.slug}/workshops/{past.pk}/" in html
    assert "Workshop 1 — kennismaken" in html
    assert "Nu bezig" in html and running.title in html


def test_the_projector_shows_the_workshops_code_and_the_panel_links_to_it(network, alice, client):
    client.force_login(alice)
    client.post(_url(network), {"title": "Workshop 3"})
    link = Workshop.objects.get().join_link
    projector = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert link.display_code in projector and "/code/" in projector
    board = client.get(f"/n/{network.slug}/").content.decode()
    assert f"/n/{network.slug}/deelnamecodes/{link.pk}/" in board
