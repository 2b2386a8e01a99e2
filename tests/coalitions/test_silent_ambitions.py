"""A silent brainstorm of ambitions (issue 18): during silent writing a new ambition is
its author's alone until the reveal, like a note; then everyone sees it and can dot it,
before the commitment round."""

import pytest

from canvas.live.events import broker
from canvas.records.interchange import export_network
from canvas.records.models import CanvasVersion
from canvas.workshops.models import Vote
from canvas.workshops.summary import WorkshopSummary
from coalitions.models import Ambition
from networks.models import Activity
from tests.canvas.workshops import open_vote, participant, start_workshop

HX = {"HX-Request": "true"}
SECRET = "Elke leraar een maatje"


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice, silent=True)


def _add(client, network, title=SECRET, **kwargs):
    return client.post(f"/n/{network.slug}/ambities/nieuw/", {"title": title}, **kwargs)


@pytest.fixture
def hidden(network, workshop, bob, client):
    """Return the ambition Bob writes during silent writing (through the view)."""
    client.force_login(bob)
    assert _add(client, network).status_code == 302
    client.logout()
    return Ambition.all_objects.get(title=SECRET)


def test_an_ambition_written_during_silent_writing_is_hidden(hidden, bob):
    assert (hidden.hidden, hidden.created_by) == (True, bob)
    assert not Ambition.objects.filter(pk=hidden.pk).exists()  # the default manager


def test_without_silent_writing_an_ambition_is_seen_at_once(network, alice, bob, client):
    start_workshop(network, alice)
    client.force_login(bob)
    _add(client, network)
    assert Ambition.objects.get(title=SECRET).hidden is False


def test_its_author_sees_it_marked_on_the_board_and_in_the_band(network, hidden, bob, client):
    client.force_login(bob)
    for url, headers in ((f"/n/{network.slug}/", {}), (f"/n/{network.slug}/coalities/", HX)):
        html = client.get(url, headers=headers).content.decode()
        assert SECRET in html and "lane-hidden" in html and "alleen jij ziet dit" in html
        # No commitments yet, and no coalition on it: that round comes after the reveal.
        start = html.index(f'id="ambition-{hidden.pk}"')
        lane = html[start : html.index("</article>", start)]
        assert "commit-levels" not in lane and "ambitie=" not in lane


@pytest.mark.parametrize("who", ["alice", "cora", "dana"])
def test_nobody_else_reads_it(network, hidden, who, request, client):
    person = participant(network, "Dana") if who == "dana" else request.getfixturevalue(who)
    client.force_login(person)
    for url, headers in (
        (f"/n/{network.slug}/", {}),
        (f"/n/{network.slug}/coalities/", HX),
        (f"/n/{network.slug}/presentatie/", {}),
        (f"/n/{network.slug}/activiteit/", {}),
    ):
        response = client.get(url, headers=headers)
        # The log is for facilitators and coordinators only (a member gets a 403).
        assert response.status_code == (403 if who == "dana" and "activiteit" in url else 200)
        assert SECRET not in response.content.decode(), url
    # Neither can they open, edit or delete it: it does not exist for them.
    edit = f"/n/{network.slug}/ambities/{hidden.pk}/bewerken/"
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"title": "Overschreven", "revision": 1}).status_code == 404
    delete = f"/n/{network.slug}/ambities/{hidden.pk}/verwijderen/"
    assert client.post(delete).status_code == 404
    hidden.refresh_from_db()
    assert (hidden.title, hidden.deleted_at) == (SECRET, None)


def test_exports_versions_and_the_summary_leave_it_out(network, workshop, hidden, alice):
    assert SECRET not in str(export_network(network, people=True))
    version = CanvasVersion.save_current(network, alice, "Tussendoor")
    assert SECRET not in str(version.document)
    assert SECRET not in [a.title for a in WorkshopSummary.load(workshop).ambitions]


def test_the_log_names_no_title_and_its_author_to_them_alone(network, hidden, alice, bob):
    entry = Activity.objects.get(network=network, kind="ambition.added")
    assert SECRET not in str(entry.params) and entry.hidden
    assert entry.sentence(alice).startswith("Iemand heeft tijdens stil schrijven")
    assert entry.sentence(bob).startswith("Bob heeft tijdens stil schrijven")


def test_its_author_edits_it_and_the_log_keeps_the_new_title_out_too(network, hidden, bob, client):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/ambities/{hidden.pk}/bewerken/",
        {"title": "Elke starter een maatje", "revision": hidden.revision},
    )
    assert response.status_code == 302
    hidden.refresh_from_db()
    assert (hidden.title, hidden.hidden) == ("Elke starter een maatje", True)
    entry = Activity.objects.get(network=network, kind="ambition.edited")
    assert "maatje" not in str(entry.params) + str(entry.before) + str(entry.after)


def test_the_reveal_shows_it_to_all_and_the_band_hears_of_it(
    network, workshop, hidden, alice, cora, client, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(broker, "send", lambda *event: sent.append(event))
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "reveal", "names": "ja"})
    hidden.refresh_from_db()
    assert hidden.hidden is False
    assert any("band" in event[2].get("keys", []) for event in sent)
    client.force_login(cora)
    assert SECRET in client.get(f"/n/{network.slug}/").content.decode()
    entry = Activity.objects.get(network=network, kind="ambition.added")
    assert entry.sentence(cora).startswith("Bob heeft tijdens stil schrijven")


def test_a_reveal_without_names_takes_the_name_out_of_the_log(network, workshop, hidden, alice):
    workshop.reveal(names=False, by=alice)
    entry = Activity.objects.get(network=network, kind="ambition.added")
    assert (entry.hidden, entry.user, entry.user_name) == (False, None, "")


def test_two_people_writing_the_same_ambition_in_silence_both_keep_it(
    network, workshop, hidden, alice, cora, client
):
    client.force_login(cora)
    assert _add(client, network, title=SECRET.upper()).status_code == 302  # no 500
    workshop.reveal(names=True, by=alice)
    titles = list(
        Ambition.objects.filter(network=network, title__icontains="maatje")
        .order_by("id")
        .values_list("title", flat=True)
    )
    assert titles == [SECRET, f"{SECRET.upper()} (2)"]


def test_a_hidden_ambition_cannot_be_dotted_and_a_revealed_one_can(
    network, workshop, hidden, alice, cora, client
):
    vote = open_vote(workshop, target=Vote.Target.AMBITIONS)
    client.force_login(cora)
    dot = {"item": hidden.pk, "dot": "erbij"}
    assert client.post(f"/n/{network.slug}/workshop/stip/", dot).status_code == 404
    assert not vote.covers(hidden)
    vote.close()
    workshop.reveal(names=True, by=alice)
    vote = open_vote(workshop, target=Vote.Target.AMBITIONS)
    assert client.post(f"/n/{network.slug}/workshop/stip/", dot).status_code == 302
    assert vote.dots_of(cora) == {hidden.pk: 1}


def test_restoring_a_version_keeps_a_hidden_ambition_hidden(network, hidden, alice):
    version = CanvasVersion.save_current(network, alice, "Tussendoor")
    version.restore(alice)
    hidden.refresh_from_db()
    assert (hidden.hidden, hidden.deleted_at) == (True, None)


def test_writing_a_hidden_ambition_sends_no_board_to_fetch_anything(
    network, workshop, alice, bob, client, sent, django_capture_on_commit_callbacks
):
    """It is its author's alone until the reveal: every other board has nothing to show,
    so none is told (a room of 80 phones would each fetch the band for nothing)."""
    hx = {"HX-Request": "true"}
    client.force_login(bob)
    with django_capture_on_commit_callbacks(execute=True):
        assert _add(client, network, headers=hx).status_code == 200
        ambition = Ambition.all_objects.get(title=SECRET)
        url = f"/n/{network.slug}/ambities/{ambition.pk}/bewerken/"
        data = {"title": "Elke starter een maatje", "revision": ambition.revision}
        assert client.post(url, data, headers=hx).status_code == 200
    assert Ambition.all_objects.get(pk=ambition.pk).title == "Elke starter een maatje"
    assert sent == []
    client.force_login(alice)  # the reveal: now every board hears of it
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "reveal", "names": "ja"})
    assert any("band" in event[2]["keys"] for event in sent)
