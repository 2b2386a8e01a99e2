"""Each vote keeps its own results: a next vote does not wipe the last one's."""

import pytest

from canvas.models import Note
from tests.canvas.workshops import open_vote, participant, start_workshop


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice)


def _passion(network):
    return list(Note.objects.revealed().filter(network=network, prompt="passion").order_by("id"))


def _board(client, network):
    return client.get(f"/n/{network.slug}/").content.decode()


def _note_html(html, note):
    start = html.index(f'id="note-{note.pk}"')
    return html[start : html.index("</li>", start)]


def test_a_next_vote_keeps_the_last_ones_results(network, workshop, alice, bob, cora, client):
    trots, other = _passion(network)[:2]
    first = open_vote(workshop)
    for person in (bob, cora):
        first.place(person, trots)
        first.place(person, trots)
    first.close()
    client.force_login(alice)
    assert "4 stemmen" in _note_html(_board(client, network), trots)

    second = open_vote(workshop)  # the same prompt again: only Dan votes, on another note
    dan = participant(network, "Dan")
    second.place(dan, other)
    assert "4 stemmen" in _note_html(_board(client, network), trots)  # while it runs
    second.close()
    html = _board(client, network)
    assert "stemmen" not in _note_html(html, trots)  # the board shows the latest vote
    assert "1 stem" in _note_html(html, other)

    summary = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    results = summary[summary.index('id="votes-title"') :]
    firsts, seconds = results.split('class="summary-vote"')[1:3]
    assert "4</span>" in firsts and trots.text in firsts
    assert "1</span>" in seconds and other.text in seconds
