"""No lost update: saving over a newer revision of a note shows both texts to choose from."""

from canvas.models import Note
from canvas.prompts import PROMPTS

HX = {"HX-Request": "true"}


def _url(note):
    return f"/n/{note.network.slug}/notities/{note.pk}/bewerken/"


def test_the_edit_form_carries_the_revision_it_started_from(network, bob, client):
    note = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    note.edit("Tweede")
    client.force_login(bob)
    html = client.get(_url(note), headers=HX).content.decode()
    assert 'name="revision" value="2"' in html


def test_of_two_saves_from_one_revision_only_the_first_wins(network, bob):
    mine = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    theirs = Note.objects.get(pk=mine.pk)
    assert theirs.edit("Hun tekst", 1)
    assert not mine.edit("Mijn tekst", 1)
    assert (mine.text, mine.revision) == ("Hun tekst", 2)  # refreshed to what won


def test_a_save_over_a_newer_revision_shows_both_texts_and_changes_nothing(
    network, bob, cora, client
):
    note = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    client.force_login(cora)
    client.post(_url(note), {"text": "Hun tekst", "revision": 1})
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Mijn tekst", "revision": 1}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 409
    assert "intussen gewijzigd" in html
    assert '<blockquote class="conflict-theirs">Hun tekst</blockquote>' in html
    assert ">Mijn tekst</textarea>" in html
    assert 'name="revision" value="2"' in html  # now based on theirs
    assert "Jouw tekst bewaren" in html and "Hun tekst houden" in html
    note.refresh_from_db()
    assert (note.text, note.revision) == ("Hun tekst", 2)


def test_keeping_my_text_or_a_merge_after_a_conflict_saves_it(network, bob, cora, client):
    note = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    note.edit("Hun tekst", 1)
    client.force_login(bob)
    response = client.post(
        _url(note), {"text": "Hun tekst, en de mijne", "revision": 2}, headers=HX
    )
    assert response.status_code == 200
    note.refresh_from_db()
    assert (note.text, note.revision) == ("Hun tekst, en de mijne", 3)


def test_without_javascript_the_conflict_shows_on_the_board(network, bob, client):
    note = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    note.edit("Hun tekst", 1)
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Mijn tekst", "revision": 1})
    html = response.content.decode()
    assert response.status_code == 409
    assert "<html" in html and "Hun tekst</blockquote>" in html and ">Mijn tekst</textarea>" in html


def test_a_form_without_its_revision_is_refused_with_a_message(network, bob, client):
    note = Note.add(network, PROMPTS["passion"], "Eerste", bob)
    client.force_login(bob)
    response = client.post(_url(note), {"text": "Mijn tekst"}, headers=HX)
    assert response.status_code == 422
    assert "te oud" in response.content.decode()
    note.refresh_from_db()
    assert note.text == "Eerste"


def test_moving_from_the_editor_keeps_the_revision_it_started_from(network, bob, client):
    first = Note.add(network, PROMPTS["passion"], "Een", bob)
    note = Note.add(network, PROMPTS["passion"], "Twee", bob)
    note.edit("Twee, door een ander")
    client.force_login(bob)
    url = f"/n/{network.slug}/notities/{note.pk}/verplaatsen/"
    html = client.post(url, {"direction": "up", "text": "Mijn tekst", "revision": 1}, headers=HX)
    assert 'name="revision" value="1"' in html.content.decode()
    assert first
