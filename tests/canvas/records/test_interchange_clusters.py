"""The optional clusters of `netwerkcanvas/1`: export, import, restore, compare, and the
faults of a document whose clusters do not add up."""

import json

import pytest

from canvas.board.read import Board
from canvas.models import Cluster, Note
from canvas.prompts import PROMPTS
from canvas.records.compare import compare
from canvas.records.interchange import (
    DocumentError,
    dumps,
    export_network,
    import_network,
    replace_canvas,
    validate,
)
from tests.conftest import example_document

WERVING = "Geen concurrentie bij werving: solidariteit tussen besturen"


def test_the_example_has_a_cluster_and_its_note_is_in_it(network):
    cluster = Cluster.objects.get(network=network)
    assert (cluster.prompt, cluster.name, cluster.position) == ("position", "Samen werven", 0)
    assert Note.objects.get(network=network, text=WERVING).cluster == cluster


def test_clusters_survive_export_import_export(network):
    trots = Note.objects.get(network=network, text="Trots op het vak van leraar")
    trots.move_to(PROMPTS["passion"], Cluster.add(network, PROMPTS["passion"], "Het vak"))
    Cluster.add(network, PROMPTS["passion"], "Nog leeg")  # an empty one is kept too
    first = export_network(network)
    assert first["clusters"] == {
        "passion": ["Het vak", "Nog leeg"],
        "position": ["Samen werven"],
    }
    assert {
        "text": "Trots op het vak van leraar",
        "author": "Marieke (De Linge)",
        "votes": 4,
        "cluster": "Het vak",
    } in first["identity"]["passion"]
    again = import_network(json.loads(dumps(first)))
    assert export_network(again) == first
    names = Cluster.objects.filter(network=again, prompt="passion").values_list("name", flat=True)
    assert list(names) == ["Het vak", "Nog leeg"]


def test_a_canvas_without_clusters_exports_without_the_key(network):
    Cluster.objects.filter(network=network).delete()
    document = export_network(network)
    assert "clusters" not in document
    assert WERVING in document["identity"]["position"]  # a plain string again


def test_restoring_a_version_brings_its_clusters_back(network):
    saved = export_network(network)
    werving = Note.objects.get(network=network, text=WERVING)
    cluster = werving.cluster
    werving.move_to(PROMPTS["position"], None, werving.revision)
    Cluster.add(network, PROMPTS["style"], "Later bedacht")
    replace_canvas(network, saved)
    werving.refresh_from_db()
    assert werving.cluster == cluster  # the same cluster, kept
    assert list(Cluster.objects.filter(network=network).values_list("name", flat=True)) == [
        "Samen werven"
    ]


def test_a_version_shows_its_clusters(network):
    board = Board.from_document(network, export_network(network))
    identity = board.sections[0]
    position = next(p for p in identity.prompts if p.prompt.slug == "position")
    (cluster,) = position.clusters
    assert cluster.name == "Samen werven"
    note = next(n for n in position.notes if n.text == WERVING)
    assert note.cluster_id == cluster.id


def test_compare_names_a_note_that_changed_cluster(network):
    before = export_network(network)
    werving = Note.objects.get(network=network, text=WERVING)
    werving.move_to(PROMPTS["position"], None, werving.revision)
    rows = compare(before, export_network(network)).parts[0].sections[2].rows
    (row,) = [r for r in rows if r.change == "changed"]
    assert [(str(what), old, new) for what, old, new in row.details] == [
        ("cluster", "Samen werven", "—")
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["identity"]["passion"].append({"text": "X", "cluster": "Onbekend"}),
            "identity.passion[2].cluster: onbekende cluster “Onbekend” (niet in clusters.passion)",
        ),
        (
            lambda d: d["clusters"]["position"].append("samen WERVEN"),
            "clusters.position[1]: “samen WERVEN” komt dubbel voor (ook bij clusters.position[0])",
        ),
        (lambda d: d["clusters"].update(nergens=["X"]), "clusters"),
        (lambda d: d["clusters"]["position"].append(""), "clusters.position[1]"),
        (lambda d: d["clusters"]["position"].append("x" * 81), "clusters.position[1]"),
    ],
)
def test_clusters_that_do_not_add_up_are_refused(db, change, expected):
    document = example_document()
    change(document)
    with pytest.raises(DocumentError) as info:
        validate(document)
    assert any(str(fault).startswith(expected) for fault in info.value.faults), info.value.faults


def test_a_saved_versions_page_shows_its_clusters(network, alice, client):
    from canvas.records.models import CanvasVersion

    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    Cluster.objects.filter(network=network).delete()  # the canvas moved on
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/versies/{version.pk}/").content.decode()
    section = html[html.index('<section class="cluster"') :]
    assert '<p class="cluster-name"' in section and "Samen werven" in section
    assert section.index(WERVING) < section.index("</section>")
    assert "verplaats-naar" not in html  # read-only
