import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canvas.models import Note
from canvas.records.interchange import export_network, without_people
from canvas.records.models import CanvasVersion
from networks.models import Activity, Membership, Network
from tests.conftest import example_document

HTMX = {"HX-Request": "true"}


def _url(network, what=""):
    return f"/n/{network.slug}/versies/{what}"


def _upload(document, name="canvas.json"):
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    return SimpleUploadedFile(name, text.encode(), content_type="application/json")


@pytest.fixture
def version(network, alice):
    return CanvasVersion.save_current(network, alice, "Workshop 1 — 14 maart")


# The list and saving


def test_a_member_sees_the_versions_but_no_save_form(network, version, bob, client):
    client.force_login(bob)
    response = client.get(_url(network))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Workshop 1 — 14 maart" in body
    assert "door Alice" in body
    assert 'name="label"' not in body
    assert "Terugzetten" not in body


def test_a_facilitator_sees_the_save_form_with_a_dated_label(network, alice, client):
    client.force_login(alice)
    body = client.get(_url(network)).content.decode()
    assert 'name="label"' in body
    assert 'value="Versie van ' in body
    assert "Nog geen versies opgeslagen." in body


def test_htmx_gets_only_the_list(network, version, bob, client):
    client.force_login(bob)
    response = client.get(_url(network), headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="version-list"')
    assert "<html" not in body


def test_a_stranger_cannot_tell_versions_exist(network, version, charlie, client):
    client.force_login(charlie)
    for url in (
        _url(network),
        _url(network, f"{version.pk}/"),
        _url(network, f"{version.pk}/export.json"),
        _url(network, "vergelijken/"),
    ):
        assert client.get(url).status_code == 404
    assert client.post(_url(network, "opslaan/"), {"label": "x"}).status_code == 404
    assert client.post(_url(network, f"{version.pk}/terugzetten/")).status_code == 404
    assert CanvasVersion.objects.count() == 1


def test_the_list_takes_a_constant_number_of_queries(
    network, alice, bob, client, django_assert_max_num_queries
):
    for n in range(30):
        CanvasVersion.save_current(network, alice, f"Versie {n}")
    client.force_login(bob)
    with django_assert_max_num_queries(8):
        response = client.get(_url(network))
    assert response.content.decode().count('<li class="version') == 30


def test_a_coordinator_saves_a_version(network, cora, client):
    client.force_login(cora)
    response = client.post(_url(network, "opslaan/"), {"label": "  Workshop 2  "})
    assert response.status_code == 302
    version = CanvasVersion.objects.get()
    assert (version.label, version.created_by) == ("Workshop 2", cora)
    assert version.document == export_network(network, people=True)
    assert Activity.objects.filter(kind="version.saved", user=cora).exists()


def test_saving_with_htmx_answers_the_list_with_the_new_version(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network, "opslaan/"), {"label": "Workshop 2"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="versions">')
    assert "Versie “Workshop 2” opgeslagen." in body
    assert "just-saved" in body


@pytest.mark.parametrize(
    ("label", "message"),
    [("   ", "Geef de versie een naam."), ("x" * 201, "hoogstens 200 tekens (nu 201)")],
)
def test_a_bad_label_is_refused_with_a_message(network, alice, client, label, message):
    client.force_login(alice)
    response = client.post(_url(network, "opslaan/"), {"label": label}, headers=HTMX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert CanvasVersion.objects.count() == 0


def test_a_member_may_not_save(network, bob, client):
    client.force_login(bob)
    assert client.post(_url(network, "opslaan/"), {"label": "x"}).status_code == 403
    assert CanvasVersion.objects.count() == 0


def test_saving_only_posts(network, alice, client):
    client.force_login(alice)
    assert client.get(_url(network, "opslaan/")).status_code == 405


# Viewing, exporting


def test_a_member_opens_a_version_read_only(network, version, bob, client):
    network.notes.filter(prompt="passion").update(text="Later veranderd")
    client.force_login(bob)
    response = client.get(_url(network, f"{version.pk}/"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Trots op het vak van leraar" in body
    assert "Later veranderd" not in body
    assert "alleen lezen" in body
    assert "<form" not in body.split('<main id="main">')[1]


def test_a_version_reads_as_the_board_in_a_constant_number_of_queries(
    network, alice, bob, client, django_assert_max_num_queries
):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    client.force_login(bob)
    with django_assert_max_num_queries(6):
        response = client.get(_url(network, f"{version.pk}/"))
    body = response.content.decode()
    assert 'id="block-identity"' in body  # the board's own markup
    assert "Zij-instroom Rivierenland" in body
    assert "Hogeschool Rivierenland, lerarenopleidingen" in body  # a core partner
    assert "/nieuw/" not in body  # no add links: the live board has them
    assert "/bewerken/" not in body


def test_the_board_offers_the_poster_and_the_versions(network, bob, client):
    client.force_login(bob)
    body = client.get(f"/n/{network.slug}/").content.decode()
    assert 'class="poster-control"' in body
    assert f'action="/n/{network.slug}/poster.pdf"' in body
    assert 'hx-indicator="#poster-progress"' in body
    assert f'href="/n/{network.slug}/versies/"' in body


def test_a_version_of_another_network_is_a_404(network, alice, client):
    other = Network.objects.create(name="Ander netwerk", slug="ander")
    foreign = CanvasVersion.save_current(other, None, "Van een ander")
    client.force_login(alice)
    assert client.get(_url(network, f"{foreign.pk}/")).status_code == 404
    assert client.get(_url(network, f"{foreign.pk}/export.json")).status_code == 404
    assert client.post(_url(network, f"{foreign.pk}/terugzetten/")).status_code == 404


def test_a_member_exports_a_version_as_json(network, version, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, f"{version.pk}/export.json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == without_people(version.document)


def test_a_member_exports_the_canvas_of_now(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/export.json")
    assert json.loads(response.content) == export_network(network)


# Comparing


def test_compare_shows_what_changed_since_the_last_version(network, version, bob, client):
    Note.objects.filter(network=network, text="Trots op het vak van leraar").update(
        text="Trots op het mooie vak van leraar"
    )
    Note.objects.create(network=network, block="identity", prompt="style", text="Nieuw 🚀")
    network.notes.filter(text="Gedeelde online werkruimte").delete()
    client.force_login(bob)
    response = client.get(_url(network, "vergelijken/"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<strong>1</strong> toegevoegd" in body
    assert "<strong>1</strong> verwijderd" in body
    assert "<strong>1</strong> gewijzigd" in body
    assert "<ins>mooie </ins>" in body
    assert "Nieuw 🚀" in body
    assert "Gedeelde online werkruimte" in body
    assert "Verbinding op stijl" in body
    assert "Spelregels" not in body.split('class="summary"')[1]  # nothing changed there


def test_compare_two_versions_without_changes(network, version, alice, bob, client):
    later = CanvasVersion.save_current(network, alice, "Workshop 2")
    client.force_login(bob)
    response = client.get(_url(network, "vergelijken/"), {"a": version.pk, "b": later.pk})
    assert "zijn gelijk: er is niets veranderd" in response.content.decode()


def test_compare_with_an_unknown_version_says_so(network, version, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "vergelijken/"), {"a": "999999"})
    assert response.status_code == 404
    assert "Deze versie bestaat niet (meer)." in response.content.decode()


# Restoring


def test_a_coordinator_is_asked_before_restoring(network, version, cora, client):
    network.notes.filter(prompt="passion").delete()
    client.force_login(cora)
    response = client.get(_url(network, f"{version.pk}/terugzetten/"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "2 komen erbij" in body
    assert "Er gaat niets verloren" in body
    assert network.notes.filter(prompt="passion").count() == 0


def test_restoring_brings_back_the_version_and_keeps_the_state_before(
    network, version, cora, client
):
    network.notes.filter(prompt="passion").delete()
    client.force_login(cora)
    response = client.post(_url(network, f"{version.pk}/terugzetten/"))
    assert response.status_code == 302
    assert network.notes.filter(prompt="passion").count() == 2
    backup = CanvasVersion.objects.get(kind=CanvasVersion.Kind.AUTOMATIC)
    assert backup.document["identity"]["passion"] == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("is teruggezet naar “Workshop 1 — 14 maart”" in m for m in messages)


def test_the_labels_the_app_writes_read_in_the_readers_language(
    network, version, cora, bob, client
):
    client.force_login(cora)
    client.post(_url(network, f"{version.pk}/terugzetten/"))  # in Dutch
    client.post(
        _url(network, "importeren/"), {"file": _upload(example_document(), "w3.json")}
    )  # an import without a label of its own
    client.force_login(bob)
    dutch = client.get(_url(network)).content.decode()
    assert "Automatisch bewaard vóór terugzetten van “Workshop 1 — 14 maart”" in dutch
    assert "Automatisch bewaard vóór import van “Geïmporteerd uit w3.json”" in dutch
    client.cookies["django_language"] = "en"
    english = client.get(_url(network)).content.decode()
    assert "Saved automatically before restoring “Workshop 1 — 14 maart”" in english
    assert "Saved automatically before importing “Imported from w3.json”" in english
    assert ">Imported from w3.json<" in english
    assert "Automatisch bewaard" not in english and "Geïmporteerd uit" not in english
    assert "Workshop 1 — 14 maart" in english  # what a person typed stays as typed


def test_a_member_may_not_restore(network, version, bob, client):
    network.notes.filter(prompt="passion").delete()
    client.force_login(bob)
    assert client.get(_url(network, f"{version.pk}/terugzetten/")).status_code == 403
    assert client.post(_url(network, f"{version.pk}/terugzetten/")).status_code == 403
    assert network.notes.filter(prompt="passion").count() == 0
    assert CanvasVersion.objects.count() == 1


# Importing


def test_a_facilitator_imports_a_file_as_a_new_version(network, alice, client):
    document = example_document()
    document["identity"]["passion"] = ["Uit het bestand ✅"]
    client.force_login(alice)
    response = client.post(_url(network, "importeren/"), {"file": _upload(document, "w3.json")})
    assert response.status_code == 302
    assert [n.text for n in network.notes.alive().filter(prompt="passion")] == [
        "Uit het bestand ✅"
    ]
    kinds = dict(CanvasVersion.objects.values_list("kind", "label"))
    assert kinds == {
        "automatic": "Automatisch bewaard vóór import van “Geïmporteerd uit w3.json”",
        "imported": "Geïmporteerd uit w3.json",
    }


def test_a_faulty_file_is_refused_with_the_commands_messages_and_nothing_changes(
    network, alice, client
):
    document = example_document()
    document["coalitions"][2]["core_partners"][0] = "xyz"
    document["identity"]["passion"] = ["Alles anders"]
    before = export_network(network)
    client.force_login(alice)
    response = client.post(_url(network, "importeren/"), {"file": _upload(document)})
    body = response.content.decode()
    assert response.status_code == 422
    assert "Dit is geen geldig netwerkcanvas/1-document:" in body
    assert "coalitions[2].core_partners[0]: onbekende actor “xyz”" in body
    assert export_network(network) == before
    assert CanvasVersion.objects.count() == 0


def test_a_file_that_is_not_json_is_refused(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network, "importeren/"), {"file": _upload("geen json")})
    assert response.status_code == 422
    assert "geen geldige JSON (regel 1, kolom 1)" in response.content.decode()


def test_a_member_may_not_import_a_version(network, bob, client):
    client.force_login(bob)
    assert client.get(_url(network, "importeren/")).status_code == 403
    response = client.post(_url(network, "importeren/"), {"file": _upload(example_document())})
    assert response.status_code == 403
    assert CanvasVersion.objects.count() == 0


def test_anyone_signed_in_imports_a_new_network_and_facilitates_it(charlie, client):
    client.force_login(charlie)
    assert client.get("/importeren/").status_code == 200
    response = client.post("/importeren/", {"file": _upload(example_document(), "rivier.json")})
    network = Network.objects.get()
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"
    assert Membership.objects.get(network=network, user=charlie).role == "facilitator"
    assert network.versions.get().label == "Geïmporteerd uit rivier.json"


def test_a_faulty_new_network_is_refused_and_nothing_is_created(charlie, client):
    document = example_document()
    document["network"].pop("name")
    client.force_login(charlie)
    response = client.post("/importeren/", {"file": _upload(document)})
    assert response.status_code == 422
    assert "network.name: verplicht veld ontbreekt" in response.content.decode()
    assert Network.objects.count() == 0


def test_importing_needs_a_signed_in_person(db, client):
    response = client.get("/importeren/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")
