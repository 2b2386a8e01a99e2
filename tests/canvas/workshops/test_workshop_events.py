"""Steering tells every open board what to fetch again: the bar and panel to the other tabs
(the steering tab has them in its answer), the notes and cards to every tab."""

import pytest

from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Ambition
from tests.canvas.workshops import open_vote, start_workshop

pytestmark = pytest.mark.django_db(transaction=True)

HX = {"HX-Request": "true", "X-Live-Change": "change-1"}


def _steer(client, network, data):
    return client.post(f"/n/{network.slug}/workshop/sturen/", data, headers=HX)


def test_a_step_reaches_every_board(network, alice, client, sent):
    start_workshop(network, alice)
    client.force_login(alice)
    _steer(client, network, {"action": "step", "step": "identity"})
    assert sent == [(network.pk, "changed", {"keys": ["workshop"], "change": "change-1"})]


def test_the_reveal_refreshes_the_prompts_that_had_hidden_notes(network, alice, bob, client, sent):
    start_workshop(network, alice)
    Note.add(network, PROMPTS["style"], "Stil", bob, hidden=True)
    client.force_login(alice)
    _steer(client, network, {"action": "reveal"})
    assert [event[2] for event in sent] == [
        {"keys": ["workshop"], "change": "change-1"},
        {"keys": ["prompt-style"], "change": ""},
    ]


def test_opening_a_vote_refreshes_its_items(network, alice, client, sent):
    start_workshop(network, alice)
    client.force_login(alice)
    data = {"action": "vote", "target": "ambitions", "dots_per_person": "3", "max_per_item": "2"}
    _steer(client, network, data)
    assert sent[-1][2] == {"keys": ["band"], "change": ""}  # the tab that voted gets dots too


def test_a_dot_moves_only_the_facilitators_count_while_results_are_hidden(
    network, alice, bob, client, sent
):
    vote = open_vote(start_workshop(network, alice), target="ambitions")
    client.force_login(bob)
    ambition = Ambition.objects.filter(network=network).first()
    client.post(f"/n/{network.slug}/workshop/stip/", {"item": ambition.pk}, headers=HX)
    assert sent[-1][2] == {"keys": ["vote-progress"], "change": "change-1"}
    vote.hide_results = False
    vote.save()
    client.post(f"/n/{network.slug}/workshop/stip/", {"item": ambition.pk}, headers=HX)
    assert sent[-1][2] == {"keys": ["vote-progress", "band"], "change": ""}


def test_a_commitment_refreshes_the_ambitions_commitments(network, bob, client, sent):
    ambition = Ambition.objects.filter(network=network).first()
    client.force_login(bob)
    client.post(
        f"/n/{network.slug}/ambities/{ambition.pk}/betrokkenheid/", {"level": "weten"}, headers=HX
    )
    assert sent[-1][2] == {"keys": [f"commitments-{ambition.pk}"], "change": ""}
