"""A running workshop's summary never shows the totals of a vote whose results are hidden."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from canvas.models import Note
from canvas.workshops.models import Vote
from coalitions.models import Ambition
from tests.canvas.workshops import open_vote, start_workshop


@pytest.fixture
def workshop(network, alice):
    workshop = start_workshop(network, alice, title="Workshop 3")
    Note.objects.filter(network=network).update(created_at=timezone.now() - timedelta(days=2))
    Ambition.objects.filter(network=network).update(created_at=timezone.now() - timedelta(days=2))
    return workshop


def _vote(workshop, bob, cora, **fields):
    vote = open_vote(workshop, target=Vote.Target.AMBITIONS, **fields)
    ambitions = list(Ambition.objects.filter(network=workshop.network).order_by("position"))
    vote.place(bob, ambitions[-1])
    vote.place(bob, ambitions[-1])
    vote.place(cora, ambitions[-1])
    return vote, ambitions[-1]


def _page(client, network, workshop, pdf=False):
    suffix = "pdf/" if pdf else ""
    return client.get(f"/n/{network.slug}/workshops/{workshop.pk}/{suffix}")


def test_the_page_hides_the_totals_while_the_vote_runs(network, workshop, alice, bob, cora, client):
    _vote(workshop, bob, cora)
    client.force_login(alice)  # not even the facilitator sees them
    html = _page(client, network, workshop).content.decode()
    assert 'class="result-total"' not in html
    assert "<meter" not in html
    assert "De uitslag blijft verborgen tot de stemming sluit." in html
    assert "2 mensen stemden" in html  # how many voted is shown on the board too


def test_the_pdf_hides_the_totals_while_the_vote_runs(network, workshop, bob, cora, client):
    _, leader = _vote(workshop, bob, cora)
    client.force_login(bob)
    response = _page(client, network, workshop, pdf=True)
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "De uitslag blijft verborgen tot de stemming sluit." in text
    assert leader.title not in text  # the item with the dots is not listed at all


def test_the_items_are_not_listed_in_the_order_of_their_dots(network, workshop, bob, cora, client):
    _, leader = _vote(workshop, bob, cora)
    client.force_login(bob)
    html = _page(client, network, workshop).content.decode()
    assert 'class="summary-results"' not in html
    assert f'<span class="result-item">{leader.title}</span>' not in html


def test_a_vote_with_live_results_shows_its_totals_while_open(network, workshop, bob, cora, client):
    _vote(workshop, bob, cora, hide_results=False)
    client.force_login(bob)
    html = _page(client, network, workshop).content.decode()
    assert '<span class="result-total">3</span>' in html
    assert "(nog open)" in html


def test_the_totals_show_once_the_vote_closes(network, workshop, bob, cora, client):
    vote, _leader = _vote(workshop, bob, cora)
    vote.close()
    client.force_login(bob)
    html = _page(client, network, workshop).content.decode()
    assert '<span class="result-total">3</span>' in html
    assert "De uitslag blijft verborgen" not in html
