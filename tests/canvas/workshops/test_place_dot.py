"""Placing dots: every member votes; the limits are told next to the item."""

import pytest

from canvas.models import Note
from canvas.workshops.models import Dot, Vote
from coalitions.models import Ambition
from tests.canvas.workshops import open_vote, start_workshop

HX = {"HX-Request": "true"}


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice)


@pytest.fixture
def note(network):
    return Note.objects.revealed().filter(network=network, prompt="passion").first()


def _dot(client, network, item, dot="erbij", **kwargs):
    return client.post(f"/n/{network.slug}/workshop/stip/", {"item": item.pk, "dot": dot}, **kwargs)


def test_a_member_places_a_dot(network, workshop, note, bob, client):
    vote = open_vote(workshop)
    client.force_login(bob)
    response = _dot(client, network, note)
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#note-{note.pk}"
    assert vote.dots_of(bob) == {note.pk: 1}


def test_htmx_gets_the_items_dots_and_the_dots_left(network, workshop, note, bob, client):
    open_vote(workshop)
    client.force_login(bob)
    html = _dot(client, network, note, headers=HX).content.decode()
    assert html.lstrip().startswith(f'<div class="dots" id="dots-note-{note.pk}">')
    assert "●" in html
    assert 'id="dots-left" hx-swap-oob="true"' in html
    assert "Je hebt nog 2 van 3 stippen." in html
    assert "in totaal" not in html  # results hidden until the vote closes


def test_totals_show_while_voting_when_the_facilitator_chose_so(
    network, workshop, note, bob, cora, client
):
    vote = open_vote(workshop, hide_results=False)
    vote.place(cora, note)
    client.force_login(bob)
    html = _dot(client, network, note, headers=HX).content.decode()
    assert "2 in totaal" in html


def test_taking_a_dot_back(network, workshop, note, bob, client):
    vote = open_vote(workshop)
    vote.place(bob, note)
    client.force_login(bob)
    _dot(client, network, note, dot="weg")
    assert vote.dots_of(bob) == {}


def test_a_dot_too_many_is_refused_with_a_message(network, workshop, note, bob, client):
    vote = open_vote(workshop)
    vote.place(bob, note)
    vote.place(bob, note)
    client.force_login(bob)
    response = _dot(client, network, note, headers=HX)
    assert response.status_code == 422
    assert "Hoogstens 2 stippen op één item." in response.content.decode()
    assert vote.dots_of(bob) == {note.pk: 2}


def test_without_javascript_the_refusal_is_a_message_on_the_board(
    network, workshop, note, bob, client
):
    vote = open_vote(workshop, dots_per_person=1, max_per_item=1)
    vote.place(bob, note)
    client.force_login(bob)
    response = _dot(client, network, note, follow=True)
    assert "Je stippen zijn op." in response.content.decode()


def test_an_item_outside_the_vote_is_not_found(network, workshop, bob, client):
    open_vote(workshop)
    other = Note.objects.filter(network=network, prompt="ambition").first()
    client.force_login(bob)
    assert _dot(client, network, other).status_code == 404
    response = client.post(f"/n/{network.slug}/workshop/stip/", {"item": "999999"})
    assert response.status_code == 404
    response = client.post(f"/n/{network.slug}/workshop/stip/", {"item": "twee"})
    assert response.status_code == 404
    assert not Dot.objects.exists()


def test_without_an_open_vote_there_is_nothing_to_vote_on(network, workshop, note, bob, client):
    client.force_login(bob)
    response = _dot(client, network, note, headers=HX)
    assert response.status_code == 409
    vote = open_vote(workshop)
    vote.close()
    assert _dot(client, network, note, headers=HX).status_code == 409
    assert not Dot.objects.exists()


def test_a_stranger_gets_a_404(network, workshop, note, charlie, client):
    open_vote(workshop)
    client.force_login(charlie)
    assert _dot(client, network, note).status_code == 404
    assert not Dot.objects.exists()


def test_a_dot_needs_post(network, workshop, bob, client):
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/workshop/stip/").status_code == 405


def test_items_of_an_open_vote_show_dot_controls_on_the_board(network, workshop, note, bob, client):
    open_vote(workshop, target=Vote.Target.AMBITIONS)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    ambition = Ambition.objects.filter(network=network).first()
    assert f'id="dots-ambition-{ambition.pk}"' in html
    assert f'id="dots-note-{note.pk}"' not in html


def _add_button(html, field, item):
    start = html.index(f'id="dot-{field}-{item.pk}-erbij"')
    return html[html.rindex("<button", 0, start) : html.index("</button>", start)]


def test_once_the_dots_are_spent_every_stip_button_says_so(network, workshop, note, bob, client):
    vote = open_vote(workshop, dots_per_person=2, max_per_item=2)
    other = Note.objects.revealed().filter(network=network, prompt="passion").exclude(pk=note.pk)
    other = other.first()
    vote.place(bob, note)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert " disabled" not in _add_button(html, "note", other)
    assert 'data-left="1" id="dots-left"' in html  # what board.js reads after each dot
    assert 'data-say="Nog 1 stip"' in html  # what workshop.js says after one's own dot

    answer = _dot(client, network, note, headers=HX).content.decode()  # the last dot
    assert "Je hebt nog 0 van 2 stippen." in answer
    assert 'data-left="0" id="dots-left" hx-swap-oob="true"' in answer
    assert 'data-say="Geen stippen meer"' in answer
    assert "geen stippen meer" in _add_button(answer, "note", note)

    html = client.get(f"/n/{network.slug}/").content.decode()
    button = _add_button(html, "note", other)
    assert " disabled" in button and "geen stippen meer" in button
    assert "Je hebt nog 0 van 2 stippen." in html  # the dots left stay in sight
    assert _dot(client, network, other, headers=HX).status_code == 422  # the server refuses
    assert vote.dots_of(bob) == {note.pk: 2}
