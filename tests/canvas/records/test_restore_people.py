"""Restoring a version brings back its people: authors, coalition members, commitments.

The review's scenario: save a version with a coalition (a trekker, a member), an ambition
with commitments and a member's note; import an empty file as a new version; restore the
version. Everything the version held must come back as it was.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import export_network, validate
from canvas.records.models import CanvasVersion
from canvas.workshops.models import Vote, Workshop
from coalitions.models import Ambition, Coalition, CoalitionMember, Commitment
from networks.models import Membership
from tests.conftest import make_user

EMPTY = {"format": "netwerkcanvas/1", "network": {"name": "Leeg"}}


def _upload(document, name="leeg.json"):
    text = json.dumps(document, ensure_ascii=False)
    return SimpleUploadedFile(name, text.encode(), content_type="application/json")


@pytest.fixture
def dewi(network):
    user = make_user("Dewi")
    Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def saved(network, alice, bob, dewi):
    """The network with people on its canvas, saved as a version."""
    ambition = Ambition.objects.create(network=network, key="samen", title="Samen", created_by=bob)
    ambition.commit(alice, Commitment.Level.DECIDE)
    ambition.commit(bob, Commitment.Level.DO)
    ambition.commit(dewi, Commitment.Level.KNOW)
    coalition = ambition.form_coalition()
    note = Note.add(network, PROMPTS["passion"], "Dewi's eigen notitie", dewi)
    anonymous = Note.add(network, PROMPTS["style"], "Zonder naam", bob)
    Note.objects.filter(pk=anonymous.pk).update(anonymous=True)
    version = CanvasVersion.save_current(network, alice, "Met mensen")
    return version, coalition, note


def _people(network):
    coalition = Coalition.objects.get(network=network, name="Samen")
    ambition = Ambition.objects.get(network=network, key="samen")
    return {
        "members": sorted(
            (m.user.name, m.role) for m in CoalitionMember.objects.filter(coalition=coalition)
        ),
        "commitments": sorted(
            (c.user.name, c.level) for c in Commitment.objects.filter(ambition=ambition)
        ),
        "ambition_by": ambition.created_by.name if ambition.created_by else None,
        "note": Note.objects.filter(network=network, text="Dewi's eigen notitie")
        .values_list("author__name", "author_name")
        .get(),
        "anonymous": Note.objects.filter(network=network, text="Zonder naam")
        .values_list("author__name", "anonymous")
        .get(),
    }


EXPECTED = {
    "members": [("Alice", "trekker"), ("Bob", "lid"), ("Dewi", "informed")],
    "commitments": [("Alice", "meebepalen"), ("Bob", "meedoen"), ("Dewi", "weten")],
    "ambition_by": "Bob",
    "note": ("Dewi", ""),
    "anonymous": ("Bob", True),
}


def _empty_then_restore(client, network, version):
    response = client.post(
        f"/n/{network.slug}/versies/importeren/", {"file": _upload(EMPTY), "label": "Leeg"}
    )
    assert response.status_code == 302
    assert not Coalition.objects.filter(network=network).exists()
    response = client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    assert response.status_code == 302


def test_the_reviews_scenario_brings_everyone_back(network, saved, alice, dewi, client):
    version, _coalition, _note = saved
    assert _people(network) == EXPECTED
    client.force_login(alice)
    _empty_then_restore(client, network, version)

    assert _people(network) == EXPECTED
    note = Note.objects.get(network=network, text="Dewi's eigen notitie")
    client.force_login(dewi)
    response = client.post(
        f"/n/{network.slug}/notities/{note.pk}/bewerken/",
        {"text": "Nog steeds van Dewi", "revision": note.revision},
    )
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.text == "Nog steeds van Dewi"


def test_the_automatic_backup_keeps_the_people_too(network, saved, alice, client):
    """Restoring the backup made before the import undoes the import, people and all."""
    version, _coalition, _note = saved
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(EMPTY), "label": "L"})
    backup = CanvasVersion.objects.get(kind=CanvasVersion.Kind.AUTOMATIC)
    client.post(f"/n/{network.slug}/versies/{backup.pk}/terugzetten/")
    assert _people(network) == EXPECTED


def test_who_left_the_network_keeps_authorship_but_is_not_put_back_in(
    network, saved, alice, dewi, client
):
    version, _coalition, _note = saved
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(EMPTY), "label": "L"})
    Membership.objects.get(network=network, user=dewi).remove(alice)
    client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    people = _people(network)
    assert people["note"] == ("Dewi", "")  # still hers, should she come back
    # Leaving took her out of the coalitions; the restore does not put her back.
    assert people["members"] == [("Alice", "trekker"), ("Bob", "lid")]
    # Leaving keeps one's commitments (on the ambition the import marked deleted).
    assert people["commitments"] == EXPECTED["commitments"]


def test_a_deleted_account_leaves_its_name_on_the_note(network, saved, alice, dewi, client):
    version, _coalition, _note = saved
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(EMPTY), "label": "L"})
    dewi.delete()
    client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    assert _people(network)["note"] == (None, "Dewi")


def test_hidden_notes_stay_hidden_through_a_restore(network, saved, alice, bob, client):
    version, _coalition, _note = saved
    Workshop.start(network, alice, "Sessie")
    Note.add(network, PROMPTS["care"], "Nog geheim", bob, hidden=True)
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    note = Note.objects.get(network=network, text="Nog geheim")
    assert note.hidden and note.author == bob


def test_the_people_part_never_leaves_the_installation(network, saved, bob, client):
    version, _coalition, _note = saved
    assert "people" in version.document
    validate(version.document)  # still a valid netwerkcanvas/1 document
    assert "people" not in export_network(network)
    client.force_login(bob)
    exported = json.loads(client.get(f"/n/{network.slug}/versies/{version.pk}/export.json").content)
    assert "people" not in exported
    assert "people" not in json.loads(client.get(f"/n/{network.slug}/export.json").content)


def test_a_file_cannot_hand_out_authorship(network, alice, bob, client):
    """An imported file's people part names accounts of another installation: ignored."""
    document = export_network(network)
    document["identity"]["passion"] = ["Van wie?"]
    document["people"] = {
        "notes": [{"prompt": "passion", "index": 0, "person": bob.pk}],
    }
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/versies/importeren/", {"file": _upload(document), "label": "X"}
    )
    assert response.status_code == 302
    assert Note.objects.get(network=network, text="Van wie?").author is None


def test_a_restore_takes_nothing_from_who_left_that_they_still_have(network, saved, alice, dewi):
    """Leaving keeps one's commitments; a restore to a version holding them keeps them."""
    version, _coalition, _note = saved
    Membership.objects.get(network=network, user=dewi).remove(alice)
    version.restore(alice)
    assert _people(network)["commitments"] == EXPECTED["commitments"]


def test_an_import_marks_items_deleted_and_a_restore_brings_the_same_ones_back(
    network, saved, alice, bob, client
):
    """Same rows, so their dates (the workshop summaries) and past votes' dots survive."""
    version, coalition, note = saved
    ambition = Ambition.objects.get(network=network, key="samen")
    workshop = Workshop.start(network, alice, "Stemmen")
    vote = Vote.objects.create(workshop=workshop, target="prompt", prompt="passion")
    vote.place(bob, note)
    workshop.end(alice)
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(EMPTY), "label": "L"})
    assert Note.all_objects.get(pk=note.pk).is_deleted  # gone from the canvas, not destroyed
    client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")

    restored = Note.objects.get(network=network, text="Dewi's eigen notitie")
    assert (restored.pk, restored.created_at, restored.is_deleted) == (
        note.pk,
        note.created_at,
        False,
    )
    assert Ambition.objects.get(network=network, key="samen").pk == ambition.pk
    assert Coalition.objects.get(network=network, name="Samen").pk == coalition.pk
    assert vote.totals() == {note.pk: 1}
