"""Silent writing: a hidden note is its author's alone until the reveal, in every output.

Board HTML (for members, coordinators and facilitators), htmx fragments, the projector,
the live event payloads, the activity log, export_network and the export command (which
posters and saved versions are made from), and the workshop summary and its PDF.
"""

import io
import json

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from canvas.live.events import broker
from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import export_network
from networks.models import Activity
from tests.canvas.workshops import participant, start_workshop

HX = {"HX-Request": "true"}
SECRET = "Geheime gedachte over passie"


def _note_html(html, note):
    """Return the board's <li> of one note."""
    start = html.index(f'id="note-{note.pk}"')
    return html[start : html.index("</li>", start)]


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice, silent=True)


@pytest.fixture
def hidden(network, workshop, bob, client):
    """Return the note Bob writes during silent writing (through the view)."""
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": SECRET})
    client.logout()
    return Note.objects.get(text=SECRET)


def test_a_note_written_during_silent_writing_is_hidden(hidden, bob):
    assert (hidden.hidden, hidden.author) == (True, bob)


def test_its_author_sees_it_marked_as_hidden(network, hidden, bob, client):
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert SECRET in html
    assert "note-hidden" in html and "alleen jij ziet dit" in html


@pytest.mark.parametrize("who", ["alice", "cora", "dana"])
def test_nobody_else_sees_it_on_the_board(network, hidden, who, request, client):
    person = participant(network, "Dana") if who == "dana" else request.getfixturevalue(who)
    client.force_login(person)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert SECRET not in html
    assert "1 verborgen notitie van iemand anders" in html


def test_nobody_else_gets_it_in_a_fragment(network, hidden, alice, client):
    client.force_login(alice)  # a facilitator, who edits everything else
    prompt = client.get(f"/n/{network.slug}/vragen/passion/", headers=HX)
    assert prompt.status_code == 200 and SECRET not in prompt.content.decode()
    for path in ("", "bewerken/"):
        response = client.get(f"/n/{network.slug}/notities/{hidden.pk}/{path}", headers=HX)
        assert response.status_code == 404
    for path in ("bewerken/", "verwijderen/", "verplaatsen/", "terugzetten/"):
        response = client.post(
            f"/n/{network.slug}/notities/{hidden.pk}/{path}", {"text": "X", "revision": 1}
        )
        assert response.status_code == 404
    hidden.refresh_from_db()
    assert (hidden.text, hidden.is_deleted) == (SECRET, False)


def test_the_projector_shows_nobodys_hidden_notes(network, workshop, alice, client):
    Note.add(network, PROMPTS["passion"], SECRET, alice, hidden=True)
    client.force_login(alice)
    board = client.get(f"/n/{network.slug}/").content.decode()
    projector = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert SECRET in board  # her own, on her own board
    assert SECRET not in projector
    assert "1 verborgen notitie van iemand anders" in projector


def test_exports_leave_it_out(network, hidden, capsys):
    assert SECRET not in json.dumps(export_network(network), ensure_ascii=False)
    call_command("export_canvas", network.slug)
    assert SECRET not in capsys.readouterr().out


def test_the_activity_log_keeps_its_text_out(network, hidden, bob, client):
    client.force_login(bob)
    client.post(
        f"/n/{network.slug}/notities/{hidden.pk}/bewerken/",
        {"text": SECRET + " (bijgewerkt)", "revision": hidden.revision},
    )
    rows = Activity.objects.filter(network=network).values_list("params", "before", "after")
    assert len(rows) == 2
    assert all(network.activities.values_list("hidden", flat=True))
    assert SECRET not in json.dumps(list(rows), ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_event_payloads_carry_no_text(network, alice, bob, client, monkeypatch):
    sent = []
    monkeypatch.setattr(broker, "send", lambda *event: sent.append(event))
    start_workshop(network, alice, silent=True)
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": SECRET})
    note = Note.objects.get(text=SECRET)
    client.post(
        f"/n/{network.slug}/notities/{note.pk}/bewerken/",
        {"text": SECRET + "!", "revision": note.revision},
    )
    assert len(sent) == 2
    # The add changes the facilitator's count of notes to reveal; the edit only the note,
    # which only its author's tabs show.
    assert [event[2]["keys"] for event in sent] == [
        ["prompt-passion", f"note-{note.pk}", "hidden-notes"],
        [f"note-{note.pk}"],
    ]
    assert SECRET not in json.dumps(sent, ensure_ascii=False)


def test_the_summary_leaves_it_out(network, workshop, hidden, alice, client):
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    assert SECRET not in page
    pdf = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/pdf/").content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert SECRET not in text


def test_after_an_anonymous_reveal_no_output_names_the_author(
    network, workshop, hidden, client, alice
):
    workshop.reveal(names=False)
    client.force_login(alice)
    board = client.get(f"/n/{network.slug}/").content.decode()
    assert SECRET in _note_html(board, hidden)
    assert "Bob" not in _note_html(board, hidden)
    document = export_network(network)
    assert {"text": SECRET} not in document["identity"]["passion"]
    assert SECRET in document["identity"]["passion"]  # a plain string: no author
    workshop.end()
    summary = client.get(f"/n/{network.slug}/workshops/{workshop.pk}/").content.decode()
    line = summary[summary.index(SECRET) : summary.index(SECRET) + 200]
    assert "Bob" not in line


def test_after_a_reveal_with_names_everyone_sees_it_with_its_author(
    network, workshop, hidden, cora, client
):
    workshop.reveal(names=True)
    client.force_login(cora)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert "Bob" in _note_html(html, hidden)
    assert {"text": SECRET, "author": "Bob"} in export_network(network)["identity"]["passion"]


def test_an_anonymous_notes_later_edits_are_logged_without_a_name(
    network, workshop, hidden, bob, client
):
    workshop.reveal(names=False)
    hidden.refresh_from_db()
    client.force_login(bob)
    client.post(
        f"/n/{network.slug}/notities/{hidden.pk}/bewerken/",
        {"text": "Anders", "revision": hidden.revision},
    )
    edit = Activity.objects.filter(network=network, kind="note.edited").get()
    assert (edit.user, edit.user_name) == (None, "")


def test_nobody_else_sees_it_in_the_undo_bar_once_deleted(network, hidden, bob, alice, client):
    hidden.soft_delete()
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/?verwijderd={hidden.pk}").content.decode()
    assert SECRET not in html
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/?verwijderd={hidden.pk}").content.decode()
    assert SECRET in html  # its author may undo it


def test_posters_sheets_the_web_export_and_saved_versions_leave_it_out(
    network, hidden, alice, client
):
    from canvas.records.models import CanvasVersion
    from tests.canvas.records.posters import compact, text_of

    client.force_login(alice)
    poster = client.get(f"/n/{network.slug}/poster.pdf")
    assert poster.status_code == 200
    assert compact("Trots op het vak van leraar") in compact(text_of(poster.content))
    assert compact(SECRET) not in compact(text_of(poster.content))
    export = client.get(f"/n/{network.slug}/export.json").content.decode()
    assert SECRET not in export
    client.post(f"/n/{network.slug}/versies/opslaan/", {"label": "Tussenstand"})
    version = CanvasVersion.objects.get(label="Tussenstand")
    assert SECRET not in json.dumps(version.document, ensure_ascii=False)
    page = client.get(f"/n/{network.slug}/versies/{version.pk}/").content.decode()
    assert SECRET not in page


def test_restoring_a_version_keeps_the_notes_still_hidden(network, hidden, alice):
    from canvas.records.models import CanvasVersion

    version = CanvasVersion.save_current(network, alice, "Voor het schrijven")
    version.restore(alice)
    hidden.refresh_from_db()
    assert hidden.hidden and not hidden.is_deleted


@pytest.mark.parametrize("names", [True, False])
def test_the_poster_names_the_author_only_after_a_reveal_with_names(
    network, workshop, hidden, alice, client, names
):
    from tests.canvas.records.posters import compact, text_of

    workshop.reveal(names=names)
    client.force_login(alice)
    text = compact(text_of(client.get(f"/n/{network.slug}/poster.pdf").content))
    assert compact(SECRET) in text
    assert ("Bob" in text) is names
