"""Notes rendered once for each kind of viewer (canvas.board.parts.note_once): what comes
from the store is what that viewer would get rendered, nothing of someone else's."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from canvas.board import parts
from canvas.models import Note
from canvas.prompts import PROMPTS
from networks.models import Membership
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def empty_store():
    parts._rendered_notes.clear()
    yield
    parts._rendered_notes.clear()


def _board(user, client=None):
    client = client or Client()
    client.force_login(user)
    response = client.get(reverse("networks:detail", args=[user.memberships.first().network.slug]))
    assert response.status_code == 200
    return response.content.decode()


def _note(html, note):
    return re.search(rf'<li class="[^"]*" id="note-{note.pk}".*?</li>', html, re.S)[0]


def test_each_viewer_gets_their_own_marks_from_the_store(network, bob):
    dirk = make_user("Dirk")
    Membership.objects.create(network=network, user=dirk, role=Membership.Role.MEMBER)
    his = Note.add(network, PROMPTS["passion"], "Van Bob", bob)
    _board(dirk)  # renders Bob's note for a member who did not write it: stored
    stored = len(parts._rendered_notes)
    assert stored > 0

    for_bob = _note(_board(bob), his)
    for_dirk = _note(_board(dirk), his)

    assert 'class="note mine"' in for_bob and "note-edit" in for_bob
    assert "mine" not in for_dirk and "note-edit" not in for_dirk
    # Dirk's second board came from the store: no new entries for him.
    assert len(parts._rendered_notes) == stored + 1  # Bob's own view of his note


def test_a_stored_rule_carries_the_csrf_token_of_each_request(network, alice):
    rule = Note.add(network, PROMPTS["decisions"], "We delen alles", alice)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _board(alice, first)
    html = _board(alice, second)  # the rule's <li> from the store
    token = re.search(
        r'action="[^"]*/' + str(rule.pk) + r'/status/">'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        html,
    )[1]
    url = reverse("canvas:toggle_rule", args=[network.slug, rule.pk])
    response = second.post(url, {"csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    rule.refresh_from_db()
    assert rule.status == Note.Status.AGREED


def test_a_changed_note_is_rendered_anew(network, bob):
    note = Note.add(network, PROMPTS["passion"], "Eerst", bob)
    assert "Eerst" in _note(_board(bob), note)
    note.text = "Daarna"
    note.revision += 1
    note.save()
    assert "Daarna" in _note(_board(bob), note)


def test_another_language_is_another_entry(network, bob):
    note = Note.add(network, PROMPTS["passion"], "Tekst", bob)
    client = Client()
    assert "Bewerken" in _note(_board(bob, client), note)
    client.cookies["django_language"] = "en"
    assert "Edit" in _note(_board(bob, client), note)


def test_notes_in_an_open_vote_come_from_the_store_with_each_voters_own_dots(network, alice, bob):
    from canvas.workshops.models import Workshop
    from tests.canvas.workshops import open_vote

    dirk = make_user("Dirk")
    Membership.objects.create(network=network, user=dirk, role=Membership.Role.MEMBER)
    note = Note.add(network, PROMPTS["passion"], "Stem op mij", alice)
    vote = open_vote(Workshop.start(network, alice, "Stemmen"))
    vote.place(bob, note)
    vote.place(bob, note)
    _board(dirk)
    stored = len(parts._rendered_notes)
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    _board(dirk, first)
    html = _board(dirk, second)  # the same notes, the same dots: all from the store
    assert len(parts._rendered_notes) == stored

    dots = re.search(rf'<div class="dots" id="dots-note-{note.pk}">.*?</div>', html, re.S)[0]
    assert "Jij: 0 stippen." in dots and "●" not in dots  # Dirk's own: none
    bobs = re.search(rf'<div class="dots" id="dots-note-{note.pk}">.*?</div>', _board(bob), re.S)[0]
    assert "Jij: 2 stippen." in bobs and "●●" in bobs  # Bob's own, not Dirk's entry

    # The stored dot form carries the token of the request it is shown in.
    token = re.search(
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)">'
        rf'<input type="hidden" name="item" value="{note.pk}">',
        html,
    )[1]
    response = second.post(
        reverse("workshop:dot", args=[network.slug]),
        {"csrfmiddlewaretoken": token, "item": note.pk, "dot": "erbij"},
    )
    assert response.status_code in (200, 302)
    assert vote.dots_of(dirk) == {note.pk: 1}
