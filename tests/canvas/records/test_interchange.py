import json

import pytest
from django.core.management import CommandError, call_command

from canvas.models import Note
from canvas.records.interchange import DocumentError, dumps, export_network, import_network, parse
from coalitions.models import Coalition
from networks.models import Actor, Membership, Network
from tests.conftest import example_document, make_user


def _counts():
    return (Network.objects.count(), Note.objects.count(), Actor.objects.count())


def test_it_imports_the_example(network):
    assert network.name == "Onderwijsregio Rivierenland"
    assert network.slug == "onderwijsregio-rivierenland"
    assert network.network_type == "organisatienetwerk"
    assert network.network_actors.count() == 8
    assert network.notes.filter(block="identity").count() == 8
    rule = network.notes.get(prompt="decisions")
    assert (rule.block, rule.status) == ("rules", "afgesproken")
    assert network.notes.get(prompt="give_take").status == "voorstel"
    note = network.notes.get(text="Trots op het vak van leraar")
    assert (note.author_name, note.votes) == ("Marieke (De Linge)", 4)
    coalition = Coalition.objects.get(name="Zij-instroom Rivierenland")
    assert coalition.ambition.key == "zij-instroom"
    assert sorted(na.key for na in coalition.core_partners.all()) == [
        "betuwe",
        "hsr",
        "linge",
        "roc",
    ]


def test_export_then_import_then_export_is_identical(network):
    first = export_network(network)
    again = import_network(json.loads(dumps(first)))
    assert again.slug == "onderwijsregio-rivierenland-2"
    assert export_network(again) == first


def test_export_keeps_what_the_example_says(network):
    document = export_network(network)
    example = example_document()
    for key in ("network", "actors", "identity", "organisation", "leadership", "ambitions"):
        assert document[key] == example[key]


def test_a_second_network_shares_the_actor_register(network):
    before = Actor.objects.count()
    import_network(example_document())
    assert Actor.objects.count() == before
    assert Actor.objects.get(name="Gemeente Tiel").network_actors.count() == 2


def _faults(document):
    with pytest.raises(DocumentError) as info:
        import_network(document)
    return [str(fault) for fault in info.value.faults]


def test_it_rejects_text_that_is_not_json():
    with pytest.raises(DocumentError) as info:
        parse(b'{"format": "netwerkcanvas/1",')
    assert "geen geldige JSON" in str(info.value)
    assert "regel 1" in str(info.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(format="netwerkcanvas/2"), "format: verwacht “netwerkcanvas/1”"),
        (lambda d: d["identity"].update(vibes=["x"]), "identity.vibes: onbekende sleutel “vibes”"),
        (
            lambda d: d["coalitions"][2]["core_partners"].append("xyz"),
            "coalitions[2].core_partners[3]: onbekende actor “xyz”",
        ),
        (
            lambda d: d["identity"]["passion"].append("x" * 501),
            "identity.passion[2]: te lang: 501 tekens, maximaal 500",
        ),
        (
            lambda d: d["actors"].append({"key": "hsr", "name": "Nog een hogeschool"}),
            "actors[8].key: “hsr” komt dubbel voor (ook bij actors[0])",
        ),
        (
            lambda d: d["coalitions"][0].update(ambition="vrede"),
            "coalitions[0].ambition: onbekende ambitie “vrede”",
        ),
        (lambda d: d["network"].pop("name"), "network.name: verplicht veld ontbreekt"),
        (
            lambda d: d["coalitions"][1].update(status="bezig"),
            "coalitions[1].status: onbekende waarde “bezig”",
        ),
        (
            lambda d: d["ambitions"].append({"key": "zij-instroom", "title": "Ander"}),
            "ambitions[3].key: “zij-instroom” komt dubbel voor (ook bij ambitions[0])",
        ),
        (
            lambda d: d["actors"][1].update(key="met spatie"),
            "actors[1].key: ongeldige sleutel “met spatie”",
        ),
    ],
    ids=[
        "wrong-format-tag",
        "unknown-prompt",
        "unknown-actor",
        "too-long-note",
        "duplicate-actor-key",
        "unknown-ambition",
        "missing-name",
        "unknown-status",
        "duplicate-ambition-key",
        "bad-key",
    ],
)
def test_it_rejects_bad_documents_naming_the_path_and_changes_nothing(change, expected):
    document = example_document()
    change(document)
    before = _counts()
    faults = _faults(document)
    assert any(fault.startswith(expected) for fault in faults), faults
    assert _counts() == before


def test_the_command_imports_and_prints_the_slug_last(db, tmp_path, capsys):
    path = tmp_path / "net.json"
    path.write_text(json.dumps(example_document()), encoding="utf-8")
    call_command("import_canvas", str(path))
    assert capsys.readouterr().out.strip().splitlines()[-1] == "onderwijsregio-rivierenland"


def test_the_command_makes_an_existing_user_facilitator(db, tmp_path):
    user = make_user("Fenna")
    path = tmp_path / "net.json"
    path.write_text(json.dumps(example_document()), encoding="utf-8")
    call_command("import_canvas", str(path), facilitator="FENNA@example.org")
    membership = Membership.objects.get(user=user)
    assert membership.role == "facilitator"


def test_the_command_fails_on_a_bad_document_and_changes_nothing(db, tmp_path):
    document = example_document()
    document["coalitions"][2]["core_partners"][0] = "xyz"
    path = tmp_path / "net.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError) as info:
        call_command("import_canvas", str(path))
    assert "coalitions[2].core_partners[0]: onbekende actor “xyz”" in str(info.value)
    assert Network.objects.count() == 0
    assert Actor.objects.count() == 0


def test_the_command_fails_on_a_file_that_is_not_json(db, tmp_path):
    path = tmp_path / "net.json"
    path.write_text("dit is geen json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldige JSON"):
        call_command("import_canvas", str(path))


def test_export_writes_stdout_or_a_file(network, tmp_path, capsys):
    call_command("export_canvas", network.slug)
    printed = capsys.readouterr().out
    assert json.loads(printed) == export_network(network)
    target = tmp_path / "out.json"
    call_command("export_canvas", network.slug, "-o", str(target))
    assert target.read_text(encoding="utf-8") == printed


def test_export_of_an_unknown_network_fails(db):
    with pytest.raises(CommandError, match="Geen netwerk"):
        call_command("export_canvas", "bestaat-niet")


def test_export_leaves_out_deleted_notes(network):
    from django.utils import timezone

    network.notes.filter(prompt="style").update(deleted_at=timezone.now())
    assert export_network(network)["identity"]["style"] == []
