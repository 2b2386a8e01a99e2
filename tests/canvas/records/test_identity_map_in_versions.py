"""A stored version keeps the network's latest identiteitskaart (the optional
`identity_map` part); the canvas's own export and imports leave it alone."""

import pytest

from canvas.identity.models import IdentityMap
from canvas.records.interchange import DocumentError, export_network, import_network, validate
from canvas.records.models import CanvasVersion
from canvas.workshops.models import Workshop
from tests.conftest import example_document


@pytest.fixture
def identity_map(network, alice, bob):
    workshop = Workshop.start(network, alice, "Workshop 1")
    identity_map = IdentityMap.for_workshop(workshop)
    identity_map.place(bob, "passie", "Samen", 10, 20)
    identity_map.place(alice, "opgave", "Kansen", 90, 5)
    return identity_map


def test_ending_a_workshop_keeps_its_map_in_the_version(network, alice, identity_map):
    identity_map.workshop.end(alice)
    version = CanvasVersion.objects.get(network=network)
    assert version.document["identity_map"] == {
        "workshop": "Workshop 1",
        "placements": [
            {"part": "opgave", "word": "Kansen", "x": 90, "y": 5},
            {"part": "passie", "word": "Samen", "x": 10, "y": 20},
        ],
    }
    validate(version.document, saved=True)  # the schema knows the part


def test_a_network_without_a_map_keeps_none(network, alice):
    version = CanvasVersion.save_current(network, alice, "Zonder kaart")
    assert "identity_map" not in version.document


def test_the_canvas_export_has_no_map(network, identity_map):
    assert "identity_map" not in export_network(network)


def test_an_imported_file_may_carry_a_map_which_is_ignored(db, identity_map):
    document = {**example_document(), "identity_map": identity_map.as_document()}
    document["network"] = {**document["network"], "name": "Elders"}
    network = import_network(document)
    assert not IdentityMap.objects.of_network(network).exists()


@pytest.mark.parametrize(
    "placement",
    [
        {"part": "stijl", "word": "Samen", "x": 1, "y": 1},
        {"part": "passie", "word": "twee woorden", "x": 1, "y": 1},
        {"part": "passie", "word": "Samen", "x": 101, "y": 1},
    ],
)
def test_a_faulty_map_in_a_file_is_refused(db, placement):
    document = {**example_document(), "identity_map": {"placements": [placement]}}
    with pytest.raises(DocumentError):
        validate(document)


def test_a_versions_export_keeps_the_map_and_names_nobody(network, alice, client, identity_map):
    version = CanvasVersion.save_current(network, alice, "Met kaart")
    client.force_login(alice)
    response = client.get(f"/n/{network.slug}/versies/{version.pk}/export.json")
    document = response.json()
    assert document["identity_map"]["placements"][0] == {
        "part": "opgave",
        "word": "Kansen",
        "x": 90,
        "y": 5,
    }
    assert "people" not in document
    validate(document)
