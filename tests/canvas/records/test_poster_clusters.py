"""Clusters on the poster: each note of a cluster names it, and the cluster's notes sit
together after the prompt's loose notes, as on the board."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from canvas.models import Cluster, Note
from canvas.prompts import PROMPTS
from canvas.records import poster
from canvas.records.interchange import export_network, fingerprint
from tests.canvas.records.posters import missing_texts, text_of
from tests.conftest import example_document

WHEN = timezone.make_aware(dt.datetime(2026, 3, 14, 10, 0))


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def test_the_poster_names_each_notes_cluster():
    document = example_document()
    pdf, _passes = poster.render_poster(document, "A1", when=WHEN)
    assert missing_texts(document, pdf) == []
    text = " ".join(text_of(pdf).split())
    assert "▸ Samen werven" in text


def test_a_clusters_notes_follow_the_loose_ones():
    document = example_document()
    position = document["identity"]["position"]
    position.reverse()  # the clustered note first in the document
    (group,) = poster.build_regions(document)["identity-position"].groups
    assert [item.cluster for item in group.items] == ["", "Samen werven"]


def test_moving_a_note_into_a_cluster_changes_the_fingerprint(network):
    before, document = fingerprint(network), export_network(network)
    note = Note.objects.get(network=network, text="Trots op het vak van leraar")
    note.move_to(PROMPTS["passion"], Cluster.add(network, PROMPTS["passion"], "Vak"))
    assert export_network(network) != document
    assert fingerprint(network) != before
