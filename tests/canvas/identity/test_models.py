import pytest

from canvas.identity.models import IdentityMap, Placement
from canvas.models import Note
from canvas.prompts import IDENTITY
from canvas.workshops.models import Workshop


@pytest.fixture
def workshop(network, alice):
    return Workshop.start(network, alice, "Workshop 1")


@pytest.fixture
def identity_map(workshop):
    return IdentityMap.for_workshop(workshop)


def test_a_map_belongs_to_one_workshop(workshop, identity_map):
    assert IdentityMap.for_workshop(workshop) == identity_map
    assert workshop.identity_map == identity_map
    assert identity_map.network == workshop.network


def test_placing_again_in_a_part_moves_the_dot_and_replaces_the_word(identity_map, bob):
    first = identity_map.place(bob, "passie", "Leerlingen", 10, 20)
    again = identity_map.place(bob, "passie", "Samen", 80, 90)
    assert again.pk == first.pk
    placement = Placement.objects.get(map=identity_map, author=bob, part="passie")
    assert (placement.word, placement.x, placement.y) == ("Samen", 80, 90)
    assert placement.author_name == "Bob"


def test_each_part_holds_its_own_placement(identity_map, bob):
    for part in ("passie", "opgave", "positie"):
        identity_map.place(bob, part, part.upper(), 50, 50)
    assert identity_map.placement_set.filter(author=bob).count() == 3


def test_the_spread_counts_words_regardless_of_capitals_most_often_first(
    identity_map, alice, bob, cora
):
    identity_map.place(alice, "passie", "Samen", 1, 1)
    identity_map.place(bob, "passie", "samen", 2, 2)
    identity_map.place(cora, "passie", "Leren", 3, 3)
    spread = identity_map.spread()
    assert [(w["word"], w["count"]) for w in spread["passie"]] == [("Samen", 2), ("Leren", 1)]
    assert spread["opgave"] == [] and spread["positie"] == []


def test_a_word_becomes_one_note_of_the_identity_block(identity_map, alice, bob, cora):
    identity_map.place(bob, "passie", "Samen", 1, 1)
    identity_map.place(cora, "passie", "SAMEN", 2, 2)
    prompt = IDENTITY.prompt("passion")
    note, created = identity_map.make_note("passie", "samen", prompt, alice)
    assert created
    assert (note.block, note.prompt, note.text) == ("identity", "passion", "samen")
    assert note.author == alice
    assert set(identity_map.placement_set.values_list("note", flat=True)) == {note.pk}
    again, created = identity_map.make_note("passie", "Samen", prompt, alice)
    assert (again, created) == (note, False)
    assert Note.objects.filter(text__iexact="samen").count() == 1
    assert identity_map.spread()["passie"][0]["note"] == note.pk


def test_a_deleted_note_can_be_made_again(identity_map, alice, bob):
    identity_map.place(bob, "opgave", "Kansen", 1, 1)
    prompt = IDENTITY.prompt("position")
    note, _created = identity_map.make_note("opgave", "Kansen", prompt, alice)
    note.soft_delete(by=alice)
    assert identity_map.spread()["opgave"][0]["note"] is None
    again, created = identity_map.make_note("opgave", "Kansen", prompt, alice)
    assert created and again != note


def test_the_latest_map_of_a_network(network, alice, workshop, identity_map):
    assert IdentityMap.objects.latest_of(network) == identity_map
    workshop.end(alice)
    later = IdentityMap.for_workshop(Workshop.start(network, alice, "Workshop 2"))
    assert IdentityMap.objects.latest_of(network) == later


def test_the_document_a_version_keeps_names_nobody(identity_map, bob):
    identity_map.place(bob, "positie", "Regio", 12, 34)
    assert identity_map.as_document() == {
        "workshop": "Workshop 1",
        "placements": [{"part": "positie", "word": "Regio", "x": 12, "y": 34}],
    }
