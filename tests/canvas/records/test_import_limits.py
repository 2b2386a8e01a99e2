"""Imports refuse what would exhaust the server or break the database, and change nothing.

Issue 15, items 10 and 11: a document of many faults lists the first 50 and says there
are more; deep nesting, huge integers, votes beyond the database's integer column, NUL
characters and lone surrogates are refused with a Dutch message on both import pages
and by `import_canvas`; labels made from a long label or file name, and the key of an
actor kept for the person who represents it, still fit their columns.
"""

import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from canvas.models import Note
from canvas.records import interchange
from canvas.records.forms import MAX_IMPORT_BYTES
from canvas.records.interchange import DocumentError, import_network, parse, validate
from canvas.records.models import CanvasVersion
from networks.models import Membership, Network
from tests.conftest import example_document

HEAD = '{"format":"netwerkcanvas/1","network":{"name":"x"},'


def _with_note(note):
    """A document whose one passion note is the JSON text `note`."""
    return (HEAD + '"identity":{"passion":[' + note + "]}}").encode()


BAD = {
    "deep-nesting": (
        HEAD + '"identity":{"passion":' + "[" * 100_000 + "]" * 100_000 + "}}"
    ).encode(),
    "moderate-nesting": _with_note("[" * 500 + "]" * 500),
    "integer-of-5000-digits": _with_note('{"text":"a","votes":' + "9" * 5000 + "}"),
    "votes-2-to-the-63": _with_note(f'{{"text":"a","votes":{2**63}}}'),
    "votes-2-to-the-31": _with_note(f'{{"text":"a","votes":{2**31}}}'),
    "votes-1e300": _with_note('{"text":"a","votes":1e300}'),
    "votes-infinity": _with_note('{"text":"a","votes":Infinity}'),
    "lone-surrogate-in-a-note": _with_note('"a\\ud800b"'),
    "lone-surrogate-in-a-key": (HEAD + '"identity":{"\\udc00":[]}}').encode(),
    "lone-surrogate-in-an-enum": (
        b'{"format":"netwerkcanvas/1","network":{"name":"x","network_type":"\\ud800"}}'
    ),
    "nul-in-a-note": _with_note('"a\\u0000b"'),
    "nul-in-the-name": b'{"format":"netwerkcanvas/1","network":{"name":"x\\u0000"}}',
    "key-with-a-newline": (
        HEAD + '"actors":[{"key":"' + "a" * 64 + '\\n","name":"Een actor"}]}'
    ).encode(),
}
MAX_FAULTS = 50
MESSAGES = {
    "deep-nesting": "te diep genest",
    "moderate-nesting": "te diep genest",
    "integer-of-5000-digits": "getal met te veel cijfers",
    "votes-2-to-the-63": "moet hoogstens 2147483647 zijn",
    "votes-2-to-the-31": "moet hoogstens 2147483647 zijn",
    "votes-1e300": "moet hoogstens 2147483647 zijn",
    "votes-infinity": "geen geldige JSON",
    "lone-surrogate-in-a-note": "identity.passion[0]: ongeldig teken U+D800",
    "lone-surrogate-in-a-key": "identity: ongeldig teken U+DC00",
    "lone-surrogate-in-an-enum": "network.network_type: ongeldig teken U+D800",
    "nul-in-a-note": "identity.passion[0]: ongeldig teken U+0000",
    "nul-in-the-name": "network.name: ongeldig teken U+0000",
    "key-with-a-newline": "actors[0].key: ongeldige sleutel",
}


def _faults(content):
    with pytest.raises(DocumentError) as info:
        validate(parse(content))
    return [str(fault) for fault in info.value.faults]


def _counts():
    return (
        Network.objects.count(),
        Note.objects.count(),
        CanvasVersion.objects.count(),
    )


def _upload(content, name="canvas.json"):
    return SimpleUploadedFile(name, content, content_type="application/json")


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_parser_refuses_it_with_a_dutch_message(name):
    faults = _faults(BAD[name])
    assert any(MESSAGES[name] in fault for fault in faults), faults


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_new_network_import_refuses_it_and_creates_nothing(name, charlie, client):
    client.force_login(charlie)
    before = _counts()
    response = client.post("/importeren/", {"file": _upload(BAD[name])})
    assert response.status_code == 422
    assert MESSAGES[name] in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_version_import_refuses_it_and_changes_nothing(name, network, alice, client):
    client.force_login(alice)
    before = _counts()
    response = client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(BAD[name])})
    assert response.status_code == 422
    assert MESSAGES[name] in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize("name", ["deep-nesting", "votes-2-to-the-31", "nul-in-a-note"])
def test_the_command_refuses_it_and_creates_nothing(name, db, tmp_path):
    path = tmp_path / "canvas.json"
    path.write_bytes(BAD[name])
    with pytest.raises(CommandError, match=re.escape(MESSAGES[name])):
        call_command("import_canvas", str(path))
    assert Network.objects.count() == 0


def test_the_largest_vote_the_database_holds_is_imported(db):
    document = example_document()
    document["identity"]["passion"] = [{"text": "Veel stemmen", "votes": 2**31 - 1}]
    network = import_network(document)
    assert network.notes.get(prompt="passion").votes == 2**31 - 1


# Item 10: many faults


NOT_A_NOTE = "verwacht een notitie: een tekst, of een object met “text”"


def _many_faults(count):
    return (HEAD + '"identity":{"passion":[' + ",".join(["1"] * count) + "]}}").encode()


def test_many_faults_list_the_first_50_and_say_there_are_more():
    with pytest.raises(DocumentError) as info:
        validate(parse(_many_faults(15_000)))
    error = info.value
    assert len(error.faults) == MAX_FAULTS + 1
    assert str(error.faults[0]) == f"identity.passion[0]: {NOT_A_NOTE}"
    assert str(error.faults[MAX_FAULTS - 1]).startswith(f"identity.passion[{MAX_FAULTS - 1}]:")
    assert "en nog meer fouten" in str(error.faults[-1])


def test_a_few_faults_are_all_listed():
    with pytest.raises(DocumentError) as info:
        validate(parse(_many_faults(3)))
    assert [str(fault) for fault in info.value.faults] == [
        f"identity.passion[{i}]: {NOT_A_NOTE}" for i in range(3)
    ]


def test_a_file_of_many_faults_gets_a_short_page(network, alice, client):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/versies/importeren/", {"file": _upload(_many_faults(15_000))}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert body.count("verwacht een notitie") == MAX_FAULTS
    assert "en nog meer fouten" in body
    assert len(response.content) < 60_000


def test_a_document_of_too_many_parts_is_refused_before_validation():
    faults = _faults(
        HEAD.encode() + b'"identity":{"passion":[' + b",".join([b'"a"'] * 30_000) + b"]}}"
    )
    assert any("te groot" in fault for fault in faults), faults


def test_a_file_over_the_limit_is_refused_next_to_the_field(network, alice, client):
    client.force_login(alice)
    content = _many_faults((MAX_IMPORT_BYTES // 2) + 10)
    assert len(content) > MAX_IMPORT_BYTES
    before = _counts()
    response = client.post(f"/n/{network.slug}/versies/importeren/", {"file": _upload(content)})
    assert response.status_code == 422
    assert "Het bestand is te groot" in response.content.decode()
    assert _counts() == before


# Labels that grow past 200 characters


def test_restoring_a_version_with_the_longest_label_keeps_labels_within_200(network, alice, client):
    version = CanvasVersion.save_current(network, alice, "L" * 200)
    client.force_login(alice)
    response = client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    assert response.status_code == 302
    backup = CanvasVersion.objects.exclude(pk=version.pk).get()
    assert len(backup.label) <= 200
    assert backup.label.startswith("Automatisch bewaard vóór terugzetten van “LLL")
    assert backup.label.endswith("…”")


def test_a_version_import_with_the_longest_label_keeps_labels_within_200(network, alice, client):
    client.force_login(alice)
    document = json.dumps(example_document()).encode()
    response = client.post(
        f"/n/{network.slug}/versies/importeren/",
        {"file": _upload(document), "label": "L" * 200},
    )
    assert response.status_code == 302
    labels = list(CanvasVersion.objects.values_list("label", flat=True))
    assert len(labels) == 2
    assert all(len(label) <= 200 for label in labels), [len(label) for label in labels]
    assert "L" * 200 in labels


@pytest.mark.parametrize("where", ["new-network", "new-version"])
def test_an_import_with_a_long_file_name_keeps_labels_within_200(where, network, alice, client):
    client.force_login(alice)
    name = "n" * 245 + ".json"
    url = "/importeren/" if where == "new-network" else f"/n/{network.slug}/versies/importeren/"
    document = json.dumps(example_document()).encode()
    response = client.post(url, {"file": _upload(document, name)})
    assert response.status_code == 302
    labels = list(CanvasVersion.objects.values_list("label", flat=True))
    assert labels
    assert all(len(label) <= 200 for label in labels), [len(label) for label in labels]
    assert all(label.startswith(("Geïmporteerd uit nnn", "Automatisch")) for label in labels)


def test_an_actor_kept_for_its_representative_keeps_a_key_within_64(network, alice, client):
    # Bob represents an actor with the longest key; the file gives that key to another actor.
    key = "k" * 64
    represented = network.network_actors.first()
    network.network_actors.filter(pk=represented.pk).update(key=key)
    Membership.objects.filter(user=alice, network=network).update(actor=represented)
    document = example_document()
    document["actors"] = [{"key": key, "name": "Een heel andere organisatie"}]
    for coalition in document["coalitions"]:
        coalition.pop("core_partners", None)
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/versies/importeren/",
        {"file": _upload(json.dumps(document).encode())},
    )
    assert response.status_code == 302
    keys = list(network.network_actors.values_list("key", flat=True))
    assert sorted(keys) == sorted([key, "k" * 62 + "-2"])


def test_a_saved_version_beyond_the_value_limit_is_still_restored(
    network, alice, client, monkeypatch
):
    # Nothing stops a canvas from growing past the limit through the board: what was saved
    # must come back. A small limit stands in for a huge canvas.
    monkeypatch.setattr(interchange, "MAX_VALUES", 30)
    version = CanvasVersion.save_current(network, alice, "Groot")
    notes = network.notes.count()
    network.notes.all().delete()
    client.force_login(alice)
    response = client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    assert response.status_code == 302
    assert network.notes.count() == notes > 0
    # A file of the same document is refused: it may come from anyone.
    response = client.post(
        f"/n/{network.slug}/versies/importeren/",
        {"file": _upload(json.dumps(version.document).encode())},
    )
    assert response.status_code == 422
    assert "te groot" in response.content.decode()
