from canvas.models import Note
from networks.models import Activity

HX = {"HX-Request": "true"}


def _url(network, prompt="passion"):
    return f"/n/{network.slug}/vragen/{prompt}/nieuw/"


def test_it_adds_a_note_at_the_end_of_the_prompt(network, bob, client):
    client.force_login(bob)
    response = client.post(_url(network), {"text": "  Samen leren  "})
    note = Note.objects.get(text="Samen leren")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#note-{note.pk}"
    assert (note.block, note.prompt, note.author, note.status) == ("identity", "passion", bob, "")
    others = Note.objects.filter(network=network, prompt="passion").exclude(pk=note.pk)
    assert all(other.position < note.position for other in others)


def test_it_records_the_activity(network, bob, client):
    client.force_login(bob)
    client.post(_url(network), {"text": "Samen leren"})
    note = Note.objects.get(text="Samen leren")
    activity = Activity.objects.get(network=network)
    assert (activity.area, activity.kind, activity.user) == ("identity", "note.added", bob)
    assert activity.params == {"prompt": "passion", "note": note.pk, "subject": "Samen leren"}


def test_htmx_gets_the_prompts_notes_with_the_form_open_again(network, bob, client):
    client.force_login(bob)
    response = client.post(_url(network), {"text": "Samen leren"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="prompt-notes" id="prompt-notes-passion"')
    assert "<html" not in html
    assert "Samen leren" in html
    assert "Trots op het vak van leraar" in html
    assert "<textarea" in html and "autofocus" in html


def test_a_new_rule_is_a_proposal(network, bob, client):
    client.force_login(bob)
    client.post(_url(network, "conflicts"), {"text": "Eerst het gesprek"})
    assert Note.objects.get(text="Eerst het gesprek").status == "voorstel"


def test_the_form_opens_in_place_for_htmx_and_on_the_board_without(network, bob, client):
    client.force_login(bob)
    fragment = client.get(_url(network), headers=HX).content.decode()
    assert "<html" not in fragment and 'name="text"' in fragment
    page = client.get(_url(network))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<html" in html and 'id="add-passion-text"' in html


def test_the_note_field_shows_its_length_and_its_limit(network, bob, client):
    client.force_login(bob)
    fragment = client.get(_url(network), headers=HX).content.decode()
    assert 'maxlength="500"' in fragment
    assert '<span class="char-count" id="add-passion-text-count">0/500</span>' in fragment
    assert 'aria-describedby="add-passion-text-count"' in fragment
    response = client.post(_url(network), {"text": "x" * 501}, headers=HX)
    html = response.content.decode()
    assert '<span class="char-count" id="add-passion-text-count">501/500</span>' in html
    assert 'aria-describedby="add-passion-text-count add-passion-error"' in html


def test_an_empty_note_is_refused_with_a_message(network, bob, client):
    client.force_login(bob)
    count = Note.objects.count()
    response = client.post(_url(network), {"text": "   "}, headers=HX)
    assert response.status_code == 422
    assert "Schrijf eerst iets op de notitie." in response.content.decode()
    assert Note.objects.count() == count


def test_an_overlong_note_is_refused_with_a_message(network, bob, client):
    client.force_login(bob)
    response = client.post(_url(network), {"text": "x" * 501})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Een notitie mag hoogstens 500 tekens hebben; deze heeft er 501." in html
    assert "<html" in html  # without htmx: the board, with the form and its message
    assert not Note.objects.filter(text__startswith="xxx").exists()


def test_an_unknown_prompt_is_404(network, bob, client):
    client.force_login(bob)
    assert client.post(_url(network, "bestaat-niet"), {"text": "Hallo"}).status_code == 404
    assert client.get(f"/n/{network.slug}/vragen/bestaat-niet/").status_code == 404


def test_a_stranger_gets_404_and_nothing_changes(network, charlie, client):
    client.force_login(charlie)
    count = Note.objects.count()
    assert client.post(_url(network), {"text": "Hallo"}).status_code == 404
    assert Note.objects.count() == count


def test_the_cancel_link_returns_the_notes_without_the_form(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/vragen/passion/", headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<textarea" not in html and "Trots op het vak van leraar" in html
    plain = client.get(f"/n/{network.slug}/vragen/passion/")
    assert plain.status_code == 302 and plain.url.endswith("#prompt-passion")
