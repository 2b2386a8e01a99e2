"""A workshop's summary: what was added per block, the votes, coalitions, commitments."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import import_network
from canvas.workshops.models import Vote
from coalitions.models import Ambition
from tests.canvas.workshops import open_vote, participant, start_workshop
from tests.conftest import example_document


@pytest.fixture
def workshop(network, alice):
    workshop = start_workshop(network, alice, title="Workshop 2 — identiteit")
    # Started a moment ago: the imported canvas is older.
    Note.objects.filter(network=network).update(created_at=timezone.now() - timedelta(days=2))
    Ambition.objects.filter(network=network).update(created_at=timezone.now() - timedelta(days=2))
    network.coalitions.update(created_at=timezone.now() - timedelta(days=2))
    return workshop


@pytest.fixture
def ran(network, workshop, alice, bob, cora):
    """Run a small workshop: notes, a vote, commitments and a coalition formed."""
    Note.add(network, PROMPTS["passion"], "Samen leren over grenzen heen", bob)
    Note.add(network, PROMPTS["conflicts"], "Eerst het gesprek", cora)
    vote = open_vote(workshop, target=Vote.Target.AMBITIONS)
    ambition = Ambition.objects.filter(network=network).order_by("position").first()
    vote.place(bob, ambition)
    vote.place(cora, ambition)
    ambition.commit(bob, "meebepalen")
    ambition.commit(cora, "weten")
    ambition.form_coalition()
    workshop.end(alice)
    return ambition


def _page(client, network, workshop):
    return client.get(f"/n/{network.slug}/workshops/{workshop.pk}/")


def test_it_shows_what_the_workshop_brought(network, workshop, ran, bob, client):
    workshop.refresh_from_db()
    client.force_login(bob)
    response = _page(client, network, workshop)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Workshop 2 — identiteit" in html
    assert "Samen leren over grenzen heen" in html and "Eerst het gesprek" in html
    assert "Trots op het vak van leraar" not in html  # older than the workshop
    assert "Niets toegevoegd bij: Organisatie, Regie en leiderschap." in html
    assert '<span class="result-total">2</span>' in html
    assert f"<h3>{ran.title}</h3>" in html  # the coalition formed, named after it
    assert f'<th scope="row">{ran.title}</th><td data-label="weten">Cora</td>' in html
    assert workshop.version_id is not None
    assert f"/n/{network.slug}/versies/{workshop.version_id}/" in html  # the canvas it left


def test_a_stranger_gets_a_404(network, workshop, charlie, client):
    client.force_login(charlie)
    assert _page(client, network, workshop).status_code == 404
    assert client.get(f"/n/{network.slug}/workshops/{workshop.pk}/pdf/").status_code == 404


def test_a_workshop_of_another_network_is_not_found(network, workshop, alice, client):
    other = import_network(example_document(), facilitator=alice)
    client.force_login(alice)
    assert client.get(f"/n/{other.slug}/workshops/").status_code == 200
    assert client.get(f"/n/{other.slug}/workshops/{workshop.pk}/").status_code == 404


def test_the_pdf_is_a4_with_the_same_content(network, workshop, ran, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "workshop-2-identiteit-" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Samen leren over grenzen heen" in text
    assert "Common Eye" in text


def test_a_running_workshop_has_a_growing_summary(
    network, workshop, bob, client, django_assert_max_num_queries
):
    participant(network, "Dana")
    client.force_login(bob)
    with django_assert_max_num_queries(20):
        html = _page(client, network, workshop).content.decode()
    assert "Deze workshop loopt nog" in html
