"""“Waarom?”: short replies under a note — the model, the views, silent writing and
anonymity, the live event, the counts on the board, versions and the summary."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canvas.live.events import broker
from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import export_network, import_network, without_people
from canvas.records.models import CanvasVersion
from canvas.replies.models import Reply
from canvas.workshops.summary import WorkshopSummary
from tests.canvas.workshops import start_workshop
from tests.conftest import example_document

HX = {"HX-Request": "true"}
WHY = "Omdat we elkaar anders kwijtraken"


@pytest.fixture
def note(network, alice):
    return Note.add(network, PROMPTS["passion"], "Samen sterker", alice)


def _url(network, note):
    return f"/n/{network.slug}/notities/{note.pk}/reacties/"


@pytest.fixture
def sent(monkeypatch):
    events = []
    monkeypatch.setattr(broker, "send", lambda *event: events.append(event))
    return events


# -- adding ---------------------------------------------------------------------------


def test_a_member_replies_under_a_note_and_the_thread_stays_open(
    network, note, bob, client, sent, django_capture_on_commit_callbacks
):
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(network, note), {"text": WHY}, headers=HX)
    assert response.status_code == 200
    reply = Reply.objects.get()
    assert (reply.note, reply.author, reply.text, reply.hidden) == (note, bob, WHY, False)
    html = response.content.decode()
    assert html.lstrip().startswith(f'<div class="replies replies-open" id="replies-{note.pk}"')
    assert WHY in html and "Bob" in html and "1 reactie" in html
    # The form is there again, empty, with the focus in it for the next reply.
    assert 'name="text" rows="2" maxlength="500" required data-enter-submits autofocus' in html
    # Its note (with the count, the projector's too) and the open threads.
    keys = [f"note-{note.pk}", f"replies-{note.pk}"]
    assert [(n, name, data["keys"]) for n, name, data in sent] == [(network.pk, "changed", keys)]


def test_without_javascript_a_reply_leads_back_to_the_board_with_the_thread_open(
    network, note, bob, client
):
    client.force_login(bob)
    response = client.post(_url(network, note), {"text": WHY})
    assert response.status_code == 302
    assert response["Location"] == f"/n/{network.slug}/?reacties={note.pk}#replies-{note.pk}"
    html = client.get(response["Location"]).content.decode()
    assert 'class="replies replies-open"' in html and WHY in html
    assert f'id="reply-{note.pk}-text"' in html


def test_a_reply_of_ten_thousand_characters_is_refused_with_a_dutch_message(
    network, note, bob, client
):
    client.force_login(bob)
    response = client.post(_url(network, note), {"text": "x" * 10_000}, headers=HX)
    assert response.status_code == 422
    html = response.content.decode()
    assert "Een reactie mag hoogstens 500 tekens hebben; deze heeft er 10000." in html
    assert 'aria-invalid="true"' in html
    assert "x" * 10_000 in html  # nothing one wrote is lost: it stays in the field
    assert not Reply.objects.exists()


def test_an_empty_reply_is_refused_on_the_full_page_too(network, note, bob, client):
    client.force_login(bob)
    response = client.post(_url(network, note), {"text": "  "})
    assert response.status_code == 422
    html = response.content.decode()
    assert "<html" in html and "Schrijf eerst iets in je reactie." in html
    assert not Reply.objects.exists()


def test_a_reply_under_a_note_deleted_meanwhile_is_refused_and_its_text_shown(
    network, note, alice, bob, client
):
    note.soft_delete(by=alice)
    client.force_login(bob)
    response = client.post(_url(network, note), {"text": WHY}, headers=HX)
    assert response.status_code == 409
    assert "intussen verwijderd" in response.content.decode()
    assert WHY in response.content.decode()
    assert not Reply.objects.exists()


def test_user_text_is_escaped(network, note, bob, client):
    client.force_login(bob)
    client.post(_url(network, note), {"text": "<script>alert(1)</script>"}, headers=HX)
    html = client.get(_url(network, note), headers=HX).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_strangers_get_a_404_and_nothing_is_saved(network, note, charlie, client):
    client.force_login(charlie)
    assert client.post(_url(network, note), {"text": WHY}).status_code == 404
    assert client.get(_url(network, note), headers=HX).status_code == 404
    assert not Reply.objects.exists()


def test_a_note_of_another_network_is_not_found(network, note, bob, client):
    other = import_network(example_document())
    client.force_login(bob)
    assert client.get(f"/n/{other.slug}/notities/{note.pk}/reacties/").status_code == 404


# -- opening and closing ----------------------------------------------------------------


def test_the_toggle_opens_and_closes_the_thread_with_htmx(network, note, alice, bob, client):
    Reply.add(note, WHY, alice)
    client.force_login(bob)
    opened = client.get(_url(network, note), headers=HX).content.decode()
    assert 'aria-expanded="true"' in opened and WHY in opened
    assert f'id="replies-{note.pk}-toggle"' in opened
    closed = client.get(_url(network, note) + "?dicht=1", headers=HX).content.decode()
    assert 'aria-expanded="false"' in closed and WHY not in closed
    assert "Waarom?" in closed and "1 reactie" in closed
    assert " autofocus" in closed  # the focus stays on the toggle


def test_without_javascript_the_toggle_is_a_link_to_the_board(network, note, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, note))
    assert response.status_code == 302
    assert response["Location"] == f"/n/{network.slug}/?reacties={note.pk}#replies-{note.pk}"
    closed = client.get(_url(network, note) + "?dicht=1")
    assert closed["Location"] == f"/n/{network.slug}/#note-{note.pk}"


def test_the_board_shows_the_count_under_every_note(network, note, alice, bob, client):
    Reply.add(note, WHY, alice)
    Reply.add(note, "En omdat het werkt", bob)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    start = html.index(f'id="note-{note.pk}"')
    item = html[start : html.index("</li>", start)]
    assert f'href="/n/{network.slug}/notities/{note.pk}/reacties/"' in item
    assert "2 reacties" in item and 'aria-expanded="false"' in item
    assert WHY not in html  # closed until asked for


def test_the_projector_shows_only_the_count(network, note, alice, bob, client):
    Reply.add(note, WHY, bob)
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert "1 reactie" in html
    assert "/reacties/" not in html and WHY not in html


def test_the_board_reads_the_counts_in_one_query(network, note, alice, bob, client):
    client.force_login(bob)
    client.get(f"/n/{network.slug}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/n/{network.slug}/")
    notes = Note.objects.filter(network=network)[:5]
    for other in notes:
        Reply.add(other, WHY, alice)
        Reply.add(other, WHY + "!", bob)
    with CaptureQueriesContext(connection) as after:
        client.get(f"/n/{network.slug}/")
    assert len(after) == len(before)


# -- silent writing and anonymity -------------------------------------------------------


@pytest.fixture
def silent(network, alice):
    return start_workshop(network, alice, silent=True)


def test_a_reply_written_in_silence_is_its_authors_alone_until_the_reveal(
    network, note, silent, alice, bob, cora, client
):
    client.force_login(bob)
    client.post(_url(network, note), {"text": WHY}, headers=HX)
    reply = Reply.objects.get()
    assert reply.hidden
    mine = client.get(_url(network, note), headers=HX).content.decode()
    assert WHY in mine and "alleen jij ziet dit" in mine and "1 reactie" in mine
    for other in (alice, cora):  # the facilitator and the coordinator included
        client.force_login(other)
        assert WHY not in client.get(_url(network, note), headers=HX).content.decode()
        board = client.get(f"/n/{network.slug}/").content.decode()
        assert "1 reactie" not in board
    assert WHY not in str(export_network(network, people=True))
    silent.reveal(names=True, by=alice)
    reply.refresh_from_db()
    assert (reply.hidden, reply.anonymous) == (False, False)
    client.force_login(cora)
    html = client.get(_url(network, note), headers=HX).content.decode()
    assert WHY in html and "Bob" in html


def test_a_reveal_without_names_hides_reply_authors(network, note, silent, alice, bob, client):
    client.force_login(bob)
    client.post(_url(network, note), {"text": WHY}, headers=HX)
    assert silent.reveal(names=False, by=alice) == ["passion"]
    for person in (alice, bob):  # the author too, as with notes
        client.force_login(person)
        html = client.get(_url(network, note), headers=HX).content.decode()
        assert WHY in html and "reply-author" not in html
    summary = WorkshopSummary.load(silent)
    assert [r.author_display for item in summary.replies for r in item.replies] == [""]
    people = export_network(network, people=True)["people"]
    assert people["replies"][0]["anonymous"] is True and "name" not in people["replies"][0]


def test_replies_under_someone_elses_hidden_note_do_not_exist(network, silent, alice, bob, client):
    secret = Note.add(network, PROMPTS["passion"], "Geheim", bob, hidden=True)
    client.force_login(alice)
    assert client.get(_url(network, secret), headers=HX).status_code == 404
    assert client.post(_url(network, secret), {"text": WHY}).status_code == 404


# -- versions and the summary -----------------------------------------------------------


def test_a_version_keeps_the_replies_and_a_restore_brings_them_back(network, note, alice, bob):
    Reply.add(note, WHY, bob)
    version = CanvasVersion.save_current(network, alice, "Met reacties")
    index = list(Note.objects.under(network, PROMPTS["passion"])).index(note)
    assert version.document["people"]["replies"] == [
        {"prompt": "passion", "index": index, "text": WHY, "person": bob.pk, "name": "Bob"}
    ]
    # Exports leave them out, with the rest of the people part.
    assert WHY not in str(without_people(version.document))
    note.soft_delete(by=alice)
    Reply.objects.all().delete()
    version.restore(alice)
    restored = Reply.objects.get()
    assert (restored.text, restored.author, restored.note.text) == (WHY, bob, "Samen sterker")


def test_a_restore_adds_no_reply_twice(network, note, alice, bob):
    Reply.add(note, WHY, bob)
    version = CanvasVersion.save_current(network, alice, "Met reacties")
    version.restore(alice)
    assert Reply.objects.count() == 1


def test_the_summary_lists_the_replies_written_during_the_workshop(
    network, note, alice, bob, client
):
    Reply.add(note, "Van voor de workshop", bob)
    workshop = start_workshop(network, alice)
    Reply.add(note, WHY, bob)
    summary = WorkshopSummary.load(workshop)
    assert [(i.note, [r.text for r in i.replies]) for i in summary.replies] == [(note, [WHY])]
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    assert "Waarom? — reacties op notities" in html and WHY in html
    assert "Van voor de workshop" not in html
