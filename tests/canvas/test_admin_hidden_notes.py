"""The admin keeps what the board keeps: a hidden note's text and author, and the author of
a note revealed anonymously, are not shown to staff either (nor found by a search)."""

import pytest

from canvas.models import Note
from canvas.prompts import PROMPTS
from tests.canvas.workshops import participant, start_workshop
from tests.conftest import make_user

SECRET = "Eigenlijk wil ik hier weg"
ANONYMOUS = "Niemand durft het te zeggen"


@pytest.fixture
def staff(db):
    return make_user("Beheerder", is_staff=True, is_superuser=True)


@pytest.fixture
def dewi(network):
    return participant(network, "Dewi Deelnemer")


@pytest.fixture
def hidden(network, dewi):
    return Note.add(network, PROMPTS["passion"], SECRET, dewi, hidden=True)


@pytest.fixture
def anonymous(network, alice, dewi):
    workshop = start_workshop(network, alice)
    note = Note.add(network, PROMPTS["passion"], ANONYMOUS, dewi, hidden=True)
    workshop.reveal(names=False)
    note.refresh_from_db()
    assert note.anonymous and not note.hidden
    return note


def _get(client, staff, url):
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_shows_neither_text_nor_author_of_a_hidden_note(client, staff, hidden):
    html = _get(client, staff, "/admin/canvas/note/")
    assert SECRET not in html
    assert "Dewi Deelnemer" not in html
    assert "verborgen notitie" in html


def test_the_form_of_a_hidden_note_shows_neither_text_nor_author(client, staff, hidden):
    html = _get(client, staff, f"/admin/canvas/note/{hidden.pk}/change/")
    assert SECRET not in html
    assert "Dewi Deelnemer" not in html
    assert 'name="author"' not in html


def test_saving_a_hidden_note_in_the_admin_keeps_its_text(client, staff, hidden):
    client.force_login(staff)
    data = {
        "network": hidden.network_id,
        "block": hidden.block,
        "prompt": hidden.prompt,
        "status": "",
        "position": 5,
        "votes": 0,
        "revision": hidden.revision,
    }
    response = client.post(f"/admin/canvas/note/{hidden.pk}/change/", data)
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert hidden.text == SECRET and hidden.author.name == "Dewi Deelnemer"
    assert hidden.hidden and hidden.position == 5  # staff cannot unhide it to read it


def test_a_search_does_not_find_a_hidden_note(client, staff, hidden):
    html = _get(client, staff, "/admin/canvas/note/?q=weg")
    assert f"/admin/canvas/note/{hidden.pk}/change/" not in html
    html = _get(client, staff, "/admin/canvas/note/?q=Dewi")
    assert f"/admin/canvas/note/{hidden.pk}/change/" not in html


def test_deleting_the_network_does_not_list_a_hidden_note_s_text(client, staff, network, hidden):
    html = _get(client, staff, f"/admin/networks/network/{network.pk}/delete/")
    assert SECRET not in html


def test_an_anonymous_note_shows_its_text_without_its_author(client, staff, anonymous):
    listing = _get(client, staff, "/admin/canvas/note/")
    assert ANONYMOUS in listing
    assert "Dewi Deelnemer" not in listing
    form = _get(client, staff, f"/admin/canvas/note/{anonymous.pk}/change/")
    assert ANONYMOUS in form
    assert "Dewi Deelnemer" not in form
    assert 'name="author"' not in form


def test_a_search_by_name_does_not_find_an_anonymous_note(client, staff, anonymous):
    html = _get(client, staff, "/admin/canvas/note/?q=Dewi")
    assert f"/admin/canvas/note/{anonymous.pk}/change/" not in html
    html = _get(client, staff, "/admin/canvas/note/?q=durft")
    assert f"/admin/canvas/note/{anonymous.pk}/change/" in html


def test_a_note_with_a_name_shows_it(client, staff, network, dewi):
    note = Note.add(network, PROMPTS["passion"], "Gewoon zichtbaar", dewi)
    html = _get(client, staff, f"/admin/canvas/note/{note.pk}/change/")
    assert "Gewoon zichtbaar" in html
    assert "Dewi Deelnemer" in html
