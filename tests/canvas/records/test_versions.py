import pytest

from canvas.models import Note
from canvas.records.interchange import DocumentError, export_network, import_network, replace_canvas
from canvas.records.models import CanvasVersion, document_counts
from coalitions.models import Ambition, Coalition, CoalitionMember
from networks.models import Activity, Membership, NetworkActor
from tests.conftest import example_document


def _canvas(document):
    """Return the canvas part of a document: what a restore brings back."""
    return {key: document[key] for key in document if key not in ("network", "format")}


def _same_canvas(document):
    """Return the canvas of a document as export writes it, in an order-free form."""
    canvas = _canvas(export_network(import_network(document)))
    canvas["actors"] = sorted(canvas["actors"], key=lambda actor: actor["key"])
    for coalition in canvas["coalitions"]:
        coalition["core_partners"] = sorted(coalition.get("core_partners", []))
    return canvas


def test_saving_keeps_the_document_with_label_date_and_person(network, alice):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    assert version.document == export_network(network, people=True)
    assert (version.label, version.created_by, version.created_by_name) == (
        "Workshop 1",
        alice,
        "Alice",
    )
    assert version.kind == CanvasVersion.Kind.SAVED
    assert version.counts() == {"notes": 21, "rules": 7, "ambitions": 3, "coalitions": 3}
    activity = Activity.objects.get(area=Activity.Area.VERSIONS)
    assert activity.sentence() == "Alice heeft de versie “Workshop 1” bewaard"
    assert (activity.kind, activity.user) == ("version.saved", alice)


def test_restoring_brings_the_canvas_back_and_keeps_what_was_there(network, alice):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    network.notes.filter(prompt="passion").delete()
    Note.objects.create(network=network, block="identity", prompt="style", text="Later idee")
    Coalition.objects.filter(network=network, name="Techniekdag").update(status="afgerond")
    Ambition.objects.create(network=network, key="nieuw", title="Nieuwe ambitie")
    before = export_network(network, people=True)

    backup = version.restore(alice)

    assert _canvas(export_network(network, people=True)) == _canvas(version.document)
    assert backup.kind == CanvasVersion.Kind.AUTOMATIC
    assert backup.label == "Automatisch bewaard vóór terugzetten van “Workshop 1”"
    assert backup.document == before
    kinds = network.activities.order_by("id").values_list("kind", "params__subject")
    assert list(kinds) == [
        ("version.saved", "Workshop 1"),
        ("version.kept", "Automatisch bewaard vóór terugzetten van “Workshop 1”"),
        ("version.restored", "Workshop 1"),
    ]


def test_restoring_keeps_authors_of_unchanged_notes_and_members_of_coalitions(network, alice, bob):
    own = Note.objects.create(
        network=network, block="identity", prompt="style", text="Van Bob", author=bob, votes=1
    )
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="trekker")
    version = CanvasVersion.save_current(network, alice, "Met Bob")
    Note.objects.filter(pk=own.pk).update(votes=5)
    network.notes.filter(prompt="passion").delete()
    coalition.next_step = "Iets anders"
    coalition.save()

    version.restore(alice)

    note = Note.objects.get(network=network, prompt="style", text="Van Bob")
    assert (note.pk, note.author, note.votes) == (own.pk, bob, 1)  # Bob may still edit it
    assert network.notes.filter(prompt="passion").count() == 2
    coalition = Coalition.objects.get(network=network, name="Techniekdag")
    assert coalition.members.get().user == bob
    assert coalition.next_step == ""


def test_replacing_swaps_keys_and_titles_without_tripping_unique_constraints(network):
    document = example_document()
    actors = document["actors"]
    actors[0]["key"], actors[1]["key"] = actors[1]["key"], actors[0]["key"]
    for coalition in document["coalitions"]:
        swap = {actors[0]["key"]: actors[1]["key"], actors[1]["key"]: actors[0]["key"]}
        coalition["core_partners"] = [swap.get(k, k) for k in coalition["core_partners"]]
    ambitions = document["ambitions"]
    ambitions[0]["title"], ambitions[1]["title"] = ambitions[1]["title"], ambitions[0]["title"]
    replace_canvas(network, document)
    assert _same_canvas(export_network(network)) == _same_canvas(document)


def test_an_actor_someone_represents_stays_in_the_network(network, bob):
    linge = NetworkActor.objects.get(network=network, key="linge")
    Membership.objects.filter(user=bob).update(actor=linge)
    document = example_document()
    document["actors"] = [a for a in document["actors"] if a["key"] != "linge"]
    for coalition in document["coalitions"]:
        coalition["core_partners"] = [k for k in coalition["core_partners"] if k != "linge"]
    replace_canvas(network, document)
    kept = Membership.objects.get(user=bob).actor
    assert (kept.key, kept.actor.name) == ("linge", "Stichting Primair Onderwijs De Linge")
    assert network.network_actors.count() == 8


def test_a_faulty_document_replaces_nothing(network):
    before = export_network(network)
    document = example_document()
    document["coalitions"][0]["core_partners"].append("xyz")
    document["identity"]["passion"] = ["Alles anders"]
    with pytest.raises(DocumentError, match="onbekende actor “xyz”"):
        replace_canvas(network, document)
    assert export_network(network) == before


def test_counts_of_an_empty_document():
    assert document_counts({"format": "netwerkcanvas/1", "network": {"name": "x"}}) == {
        "notes": 0,
        "rules": 0,
        "ambitions": 0,
        "coalitions": 0,
    }
