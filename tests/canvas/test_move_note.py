from canvas.models import Note
from canvas.prompts import PROMPTS

HX = {"HX-Request": "true"}


def _texts(network, prompt="passion"):
    return list(Note.objects.under(network, PROMPTS[prompt]).values_list("text", flat=True))


def test_it_moves_a_note_up_and_down(network, alice, client):
    client.force_login(alice)
    note = Note.objects.get(text="Trots op het vak van leraar")
    url = f"/n/{network.slug}/notities/{note.pk}/verplaatsen/"
    response = client.post(url, {"direction": "up"})
    assert response.status_code == 302
    assert response.url.endswith(f"/notities/{note.pk}/bewerken/#note-{note.pk}")
    assert _texts(network)[0] == "Trots op het vak van leraar"
    client.post(url, {"direction": "down"})
    assert _texts(network)[1] == "Trots op het vak van leraar"


def test_htmx_gets_the_prompt_with_the_note_still_open(network, alice, client):
    client.force_login(alice)
    note = Note.objects.get(text="Trots op het vak van leraar")
    response = client.post(
        f"/n/{network.slug}/notities/{note.pk}/verplaatsen/",
        {"direction": "up", "text": "Nog niet bewaard"},
        headers=HX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="prompt-notes" id="prompt-notes-passion"')
    assert "Nog niet bewaard</textarea>" in html
    assert html.index(f'id="note-{note.pk}"') < html.index("Elk kind in de regio")


def test_moving_past_the_end_changes_nothing(network, alice, client):
    client.force_login(alice)
    first = Note.objects.get(text="Elk kind in de regio verdient een bevoegde leraar")
    before = _texts(network)
    response = client.post(
        f"/n/{network.slug}/notities/{first.pk}/verplaatsen/", {"direction": "up"}
    )
    assert response.status_code == 302
    assert _texts(network) == before


def test_an_unknown_direction_is_refused(network, alice, client):
    client.force_login(alice)
    note = Note.objects.get(text="Trots op het vak van leraar")
    before = _texts(network)
    url = f"/n/{network.slug}/notities/{note.pk}/verplaatsen/"
    response = client.post(url, {"direction": "zijwaarts"}, headers=HX)
    assert response.status_code == 422
    assert "Kies “omhoog” of “omlaag”." in response.content.decode()
    assert client.post(url, {}).status_code == 422
    assert _texts(network) == before


def test_a_member_may_not_move_someone_elses_note(network, bob, client):
    client.force_login(bob)
    note = Note.objects.get(text="Trots op het vak van leraar")
    before = _texts(network)
    response = client.post(
        f"/n/{network.slug}/notities/{note.pk}/verplaatsen/", {"direction": "up"}
    )
    assert response.status_code == 403
    assert _texts(network) == before


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    note = Note.objects.get(text="Trots op het vak van leraar")
    url = f"/n/{network.slug}/notities/{note.pk}/verplaatsen/"
    assert client.post(url, {"direction": "up"}).status_code == 404
