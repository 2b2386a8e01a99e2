from canvas.models import Note
from canvas.prompts import PROMPTS
from networks.models import Activity, Network

HX = {"HX-Request": "true"}


def _url(note):
    return f"/n/{note.network.slug}/notities/{note.pk}/bewerken/"


def _bobs_note(network, bob):
    return Note.add(network, PROMPTS["passion"], "Eerste versie", bob)


def test_it_saves_the_new_text_and_bumps_the_revision(network, bob, client):
    note = _bobs_note(network, bob)
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Tweede versie", "revision": 1})
    note.refresh_from_db()
    assert response.status_code == 302
    assert (note.text, note.revision) == ("Tweede versie", 2)
    activity = Activity.objects.get(kind="note.edited")
    assert (activity.before, activity.after) == (
        {"text": "Eerste versie"},
        {"text": "Tweede versie"},
    )


def test_htmx_gets_the_note_back(network, bob, client):
    note = _bobs_note(network, bob)
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Tweede versie", "revision": 1}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="note mine" id="note-{note.pk}"')
    assert "Tweede versie" in html and "<html" not in html


def test_the_form_comes_as_a_fragment_or_on_the_board(network, bob, client):
    note = _bobs_note(network, bob)
    client.force_login(bob)
    fragment = client.get(_url(note), headers=HX).content.decode()
    assert "<html" not in fragment and "Eerste versie</textarea>" in fragment
    page = client.get(_url(note)).content.decode()
    assert "<html" in page and "Eerste versie</textarea>" in page
    count = f'<span class="char-count" id="note-{note.pk}-text-count">13/500</span>'
    assert count in fragment and count in page  # "Eerste versie": 13 of at most 500


def test_a_member_may_not_edit_someone_elses_note(network, bob, client):
    note = Note.objects.get(text="Klein beginnen, snel leren")
    client.force_login(bob)
    assert client.post(_url(note), {"text": "Gekaapt"}).status_code == 403
    assert client.get(_url(note)).status_code == 403
    note.refresh_from_db()
    assert note.text == "Klein beginnen, snel leren"


def test_a_coordinator_may_edit_anyones_note(network, bob, cora, client):
    note = _bobs_note(network, bob)
    client.force_login(cora)
    assert client.post(_url(note), {"text": "Aangescherpt", "revision": 1}).status_code == 302
    note.refresh_from_db()
    assert note.text == "Aangescherpt"


def test_empty_text_is_refused_and_changes_nothing(network, bob, client):
    note = _bobs_note(network, bob)
    client.force_login(bob)
    response = client.post(_url(note), {"text": ""}, headers=HX)
    assert response.status_code == 422
    assert "Schrijf eerst iets op de notitie." in response.content.decode()
    note.refresh_from_db()
    assert (note.text, note.revision) == ("Eerste versie", 1)


def test_a_note_deleted_meanwhile_gives_a_clear_message(network, bob, client):
    note = _bobs_note(network, bob)
    note.soft_delete()
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Te laat"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Deze notitie is intussen verwijderd" in html
    assert "Te laat" in html  # the text the person wrote is not lost
    page = client.post(_url(note), {"text": "Te laat"})
    assert (
        page.status_code == 409 and "Deze notitie is intussen verwijderd" in page.content.decode()
    )
    note.refresh_from_db()
    assert note.text == "Eerste versie"


def test_a_note_of_another_network_is_404(network, alice, client):
    other = Network.objects.create(name="Ander netwerk", slug="ander")
    foreign = Note.objects.create(
        network=other, block="identity", prompt="passion", text="Niet van jou"
    )
    client.force_login(alice)
    assert (
        client.post(f"/n/{network.slug}/notities/{foreign.pk}/bewerken/", {"text": "x"}).status_code
        == 404
    )
    foreign.refresh_from_db()
    assert foreign.text == "Niet van jou"


def test_the_cancel_link_returns_the_note(network, bob, client):
    note = _bobs_note(network, bob)
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/notities/{note.pk}/", headers=HX)
    assert response.status_code == 200 and "Eerste versie" in response.content.decode()
    assert "<textarea" not in response.content.decode()
    plain = client.get(f"/n/{network.slug}/notities/{note.pk}/")
    assert plain.status_code == 302 and plain.url.endswith(f"#note-{note.pk}")


def test_a_stranger_gets_404(network, bob, charlie, client):
    note = _bobs_note(network, bob)
    client.force_login(charlie)
    assert client.get(_url(note)).status_code == 404
    assert client.get(f"/n/{network.slug}/notities/{note.pk}/", headers=HX).status_code == 404
