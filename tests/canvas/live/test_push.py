"""A change travels with its HTML: rendered once per audience, each stream gets its own.

On SQLite the broker hands events over in-process; with DATABASE_URL on PostgreSQL the
same tests go through NOTIFY, and a prompt's HTML (bigger than NOTIFY allows) through the
live_payload table, read once by each process.
"""

import asyncio
import re

import pytest
from asgiref.sync import sync_to_async
from django.db import connection
from django.test import Client
from django.urls import reverse

from canvas.live.events import Broker, broker, publish_change
from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Workshop
from tests.canvas.live.test_events import next_event, on_postgres, run

pytestmark = pytest.mark.django_db(transaction=True)

HX = {"HX-Request": "true", "X-Live-Change": "tab-token-1"}


def _add_note(user, network, text, prompt="passion"):
    client = Client()
    client.force_login(user)
    url = reverse("canvas:add_note", args=[network.slug, prompt])
    response = client.post(url, {"text": text}, headers=HX)
    assert response.status_code == 200
    return response


def test_a_new_note_reaches_every_audience_as_html_without_a_request(network, alice, bob, cora):
    async def body():
        member, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="members:nl")
        editor, _ = await broker.subscribe(network.pk, cora.pk, "C", audience="editors:nl")
        wall, _ = await broker.subscribe(network.pk, alice.pk, "P", audience="projector:nl")
        english, _ = await broker.subscribe(network.pk, alice.pk, "E", audience="members:en")
        await sync_to_async(_add_note)(bob, network, "Samen <leren>")
        got = {}
        for name, stream in (("m", member), ("e", editor), ("p", wall), ("en", english)):
            got[name] = await next_event(stream, "changed")
        note = await sync_to_async(Note.objects.get)(text="Samen <leren>")
        key = f"note-{note.pk}"
        for data in got.values():
            assert data["keys"] == [key] and data["into"] == "prompt-passion"
            assert data["change"] == "tab-token-1"  # the writer's tab skips it; no one else
            assert data["html"][key].startswith(f'<li class="note" id="{key}"')
            assert "Samen &lt;leren&gt;" in data["html"][key]
            assert "Klein beginnen" not in data["html"][key]  # the note, not its list
            assert "parts" not in data  # nobody receives another audience's variant
        member_html = got["m"]["html"][key]
        assert "note-edit icon-button if-mine" in member_html  # shown by the page's marks
        assert "if-mine" not in got["e"]["html"][key]  # editors edit all
        assert "note-edit" not in got["p"]["html"][key]  # no controls at all
        assert "Waarom?" in member_html and "Why?" in got["en"]["html"][key]

    run(body())


def test_a_hidden_note_never_reaches_another_stream(network, alice, bob):
    workshop = Workshop.start(network, alice, "Stil")
    workshop.silent = True
    workshop.save()

    async def body():
        streams = [
            await broker.subscribe(network.pk, alice.pk, "A", audience=audience)
            for audience in ("members:nl", "editors:nl", "projector:nl", "members:en")
        ]
        await sync_to_async(_add_note)(bob, network, "Geheim plan")
        for stream, _first in streams:
            data = await next_event(stream, "changed")
            html = data["html"]["prompt-passion"]
            assert "Geheim plan" not in html
            assert "hidden-count" in html  # counted, never shown

    run(body())
    assert Note.objects.get(text="Geheim plan").hidden


def _edit_note(user, note, text):
    client = Client()
    client.force_login(user)
    url = reverse("canvas:edit_note", args=[note.network.slug, note.pk])
    response = client.post(url, {"text": text, "revision": note.revision}, headers=HX)
    assert response.status_code == 200


def test_an_edited_note_travels_alone_as_each_audience_sees_it(network, alice, bob, cora):
    note = Note.add(network, PROMPTS["passion"], "Eerst", bob)
    key = f"note-{note.pk}"

    async def body():
        audiences = ("members:nl", "editors:nl", "facilitators:nl", "projector:nl", "members:en")
        streams = {
            audience: (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in audiences
        }
        await sync_to_async(_edit_note)(bob, note, "Daarna <samen>")
        got = {name: await next_event(stream, "changed") for name, stream in streams.items()}
        for data in got.values():
            assert data["keys"] == [key]  # not its prompt: the list stays as it is
            html = data["html"][key]
            assert html.startswith(f'<li class="note" id="{key}"')
            assert html.rstrip().endswith("</li>")
            assert "Daarna &lt;samen&gt;" in html
            assert "Klein beginnen" not in html  # no other note of its prompt
            assert len(html) < 3000  # a note, not a list: every board gets it
        assert "note-edit icon-button if-mine" in got["members:nl"]["html"][key]
        assert "if-mine" not in got["editors:nl"]["html"][key]
        assert got["facilitators:nl"]["html"] == got["editors:nl"]["html"]
        assert "note-edit" not in got["projector:nl"]["html"][key]
        assert "Waarom?" in got["members:nl"]["html"][key]
        assert "Why?" in got["members:en"]["html"][key]

    run(body())


def test_an_edited_hidden_note_reaches_no_stream_but_as_its_key(network, alice, bob):
    workshop = Workshop.start(network, alice, "Stil")
    workshop.silent = True
    workshop.save()
    note = Note.add(network, PROMPTS["passion"], "Geheim plan", bob, hidden=True)

    async def body():
        streams = [
            (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in ("members:nl", "editors:nl", "projector:nl")
        ]
        await sync_to_async(_edit_note)(bob, note, "Nog geheimer plan")
        for stream in streams:
            data = await next_event(stream, "changed")
            # Only its author's tabs have it on the page: they fetch their own copy.
            assert data == {"keys": [f"note-{note.pk}"], "change": "tab-token-1"}

    run(body())


def test_an_unknown_prompt_key_is_announced_without_html(network, alice):

    async def body():
        stream, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="members:nl")
        await sync_to_async(publish_change)(network, "prompt-bestaat-niet", "replies-1")
        data = await next_event(stream, "changed")
        assert data["keys"] == ["prompt-bestaat-niet", "replies-1"]
        assert data.get("html", {}) == {}  # the boards fetch these themselves

    run(body())


@on_postgres
def test_a_big_part_goes_through_the_payload_table_once_per_process(network, alice, bob):
    long_text = "x" * 450
    for index in range(40):  # ~40 notes: far beyond NOTIFY's 8000 bytes
        Note.add(network, PROMPTS["passion"], f"{index} {long_text}", bob)

    async def body():
        other_process = Broker()
        try:
            here, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="members:nl")
            there, _ = await other_process.subscribe(network.pk, bob.pk, "B", audience="editors:nl")
            # This process learns the other's audiences with its presence (through NOTIFY).
            for _ in range(100):
                if "editors:nl" in (broker.audiences(network.pk) or ()):
                    break
                await asyncio.sleep(0.05)
            await sync_to_async(_add_note)(bob, network, "De laatste")
            for stream in (here, there):
                await next_event(stream, "changed")  # the new note: its <li> alone
            # The list itself (as a move or a delete sends it): ~40 notes.
            await sync_to_async(publish_change)(network, "prompt-passion")
            for stream in (here, there):
                data = await next_event(stream, "changed")
                assert "De laatste" in data["html"]["prompt-passion"]
        finally:
            await other_process.stop()

    run(body())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM live_payload")
        assert cursor.fetchone()[0] >= 1


def test_a_reconnecting_stream_replays_the_html_of_its_own_audience(network, alice, bob):
    async def body():
        first, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="projector:nl")
        before = broker.last_id  # the last event this stream's page had seen
        await sync_to_async(_add_note)(bob, network, "Gemist <b>")
        seen = await next_event(first, "changed")
        assert "Gemist &lt;b&gt;" in seen["html"][seen["keys"][0]]
        broker.unsubscribe(first)
        # Back from before that event: it is replayed, with the projector's HTML.
        _again, replay = await broker.subscribe(
            network.pk, alice.pk, "A", before, audience="projector:nl"
        )
        text = b"".join(replay).decode()
        assert "Gemist &lt;b&gt;" in text and "note-edit" not in text
        # A member's tab that was not watching then gets the keys, and fetches them.
        _member, replay = await broker.subscribe(
            network.pk, bob.pk, "B", before, audience="members:nl"
        )
        text = b"".join(replay).decode()
        assert seen["keys"][0] in text and "Gemist" not in text

    run(body())


def _commit(user, network, ambition, level):
    client = Client()
    client.force_login(user)
    url = reverse("coalitions:commit", args=[network.slug, ambition.pk])
    assert client.post(url, {"level": level}, headers=HX).status_code == 200


def test_a_commitment_reaches_every_audience_with_nobodys_choice_marked(network, alice, bob, cora):
    from coalitions.models import Ambition

    ambition = Ambition.objects.filter(network=network).first()

    async def body():
        streams = {
            audience: (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in ("facilitators:nl", "editors:nl", "members:nl", "projector:nl")
        }
        await sync_to_async(_commit)(bob, network, ambition, "meebepalen")
        html = {}
        for audience, stream in streams.items():
            data = await next_event(stream, "changed")
            html[audience] = data["html"][f"commitments-{ambition.pk}"]
        for part in html.values():
            assert 'aria-pressed="true"' not in part  # Bob's choice is his page's to show
            assert "Bob" in part  # who chose what is for everyone to see
        assert "Coalitie vormen" in html["facilitators:nl"]
        assert "Coalitie vormen" not in html["editors:nl"] + html["members:nl"]
        assert 'name="level"' in html["members:nl"]
        assert 'name="level"' not in html["projector:nl"]

    run(body())


def _steer(user, network, data):
    client = Client()
    client.force_login(user)
    url = reverse("workshop:steer", args=[network.slug])
    assert client.post(url, data, headers=HX).status_code == 200


def test_a_step_reaches_every_board_as_its_bar_and_step_card_without_a_request(
    network, alice, bob, cora
):
    Workshop.start(network, alice, "Werkplaats <b>")

    async def body():
        streams = {
            audience: (await broker.subscribe(network.pk, bob.pk, "B", audience=audience))[0]
            for audience in ("facilitators:nl", "editors:nl", "members:nl", "members:en")
        }
        step = {"action": "step", "step": "identity.passion"}
        await sync_to_async(_steer)(alice, network, step)
        html = {}
        for audience, stream in streams.items():
            data = await next_event(stream, "changed")
            assert data["keys"] == ["workshop"] and data["change"] == "tab-token-1"
            html[audience] = data["html"]["workshop"]
        for audience, part in html.items():
            assert part.count('id="workshop-bar"') == 1, audience
            assert part.count('id="step-card"') == 1, audience
            assert "workshop-panel" not in part, audience  # fetched by the facilitators
            assert "Werkplaats &lt;b&gt;" in part, audience
        assert "Nu aan de beurt" in html["members:nl"] and "Now up" in html["members:en"]

    run(body())


def test_the_pushed_bar_holds_nobodys_dots_left_hidden_notes_or_token(network, alice, bob):
    from canvas.board.render import workshop_parts
    from canvas.workshops.models import Vote

    workshop = Workshop.start(network, alice, "Stemmen")
    workshop.go_to("identity", "passion")
    workshop.silent = True
    workshop.save()
    Note.add(network, PROMPTS["passion"], "Geheim plan", bob, hidden=True)
    Note.add(network, PROMPTS["passion"], "Zichtbaar", bob)
    vote = Vote.objects.create(workshop=workshop, target=Vote.Target.PROMPT, prompt="passion")
    vote.place(bob, Note.objects.get(text="Zichtbaar"))
    vote.place(bob, Note.objects.get(text="Zichtbaar"))
    parts = workshop_parts(network, "workshop")
    assert set(parts) == {
        f"{a}:{lang}" for a in ("facilitators", "editors", "members") for lang in ("nl", "en")
    }
    for variant, html in parts.items():
        assert "csrfmiddlewaretoken" not in html, variant
        assert "Geheim plan" not in html, variant
        # Everyone's figure, all the vote's dots: Bob's two never go into the shared bar.
        left = vote.dots_per_person
        assert f'data-left="{left}" id="dots-left" data-vote="{vote.pk}"' in html, variant
        assert f'data-left="{left - 2}"' not in html, variant
    assert f"Je hebt nog {vote.dots_per_person} van" in parts["members:nl"]
    assert workshop_parts(network, "workshop-other") is None  # only the key "workshop"


def test_a_running_timer_is_pushed_with_its_end(network, alice, bob):
    Workshop.start(network, alice, "Tijd")

    async def body():
        stream, _ = await broker.subscribe(network.pk, bob.pk, "B", audience="members:nl")
        await sync_to_async(_steer)(
            alice, network, {"action": "timer", "timer": "start", "minutes": "5"}
        )
        data = await next_event(stream, "changed")
        return data["html"]["workshop"]

    html = run(body())
    workshop = Workshop.objects.get()
    ends = int(workshop.timer_started_at.timestamp() * 1000) + 300_000
    assert f'data-ends="{ends}"' in html and "data-running" in html


def test_a_dot_reaches_the_facilitators_count_as_html(network, alice, bob):
    from coalitions.models import Ambition
    from tests.canvas.workshops import open_vote

    open_vote(Workshop.start(network, alice, "Stemmen"), target="ambitions")
    ambition = Ambition.objects.filter(network=network).first()

    def place():
        client = Client()
        client.force_login(bob)
        url = reverse("workshop:dot", args=[network.slug])
        assert client.post(url, {"item": ambition.pk}, headers=HX).status_code == 200

    async def body():
        lead, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="facilitators:nl")
        member, _ = await broker.subscribe(network.pk, bob.pk, "B", audience="members:nl")
        await sync_to_async(place)()
        return await next_event(lead, "changed"), await next_event(member, "changed")

    lead, member = run(body())
    assert lead["keys"] == ["vote-progress"]
    assert 'id="vote-progress"' in lead["html"]["vote-progress"]
    assert "1 persoon heeft gestemd" in lead["html"]["vote-progress"]
    assert member["html"] == {}  # members have no panel: nothing rendered for them


def _join(user, network, coalition, choice="lid"):
    client = Client()
    client.force_login(user)
    url = reverse("coalitions:participate", args=[network.slug, coalition.pk])
    assert client.post(url, {"choice": choice}, headers=HX).status_code == 200


def test_a_card_reaches_every_audience_as_those_outside_it_see_it(network, alice, bob, cora):
    from coalitions.models import Coalition

    coalition = Coalition.objects.get(name="Techniekdag")
    bob.shows_email = True  # he lets his coalition partners read his address
    bob.save()

    async def body():
        streams = {
            audience: (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in ("facilitators:nl", "editors:nl", "members:en", "projector:nl")
        }
        await sync_to_async(_join)(bob, network, coalition)
        html = {}
        for audience, stream in streams.items():
            data = await next_event(stream, "changed")
            assert data["keys"] == [f"coalition-{coalition.pk}"]
            html[audience] = data["html"][f"coalition-{coalition.pk}"]
        for part in html.values():
            assert "Bob" in part  # who takes part is for everyone to see
            assert bob.email not in part  # his address only for those in it, by request
            people = re.search(r'data-people="([^"]*)"', part)[1].split()
            assert str(bob.pk) in people  # his board fetches his own copy (live.js)
            assert "csrfmiddlewaretoken" not in part
            assert "Jij doet mee" not in part and "You are taking part" not in part
        assert 'value="lid"' in html["members:en"]  # an outsider's way in
        assert "I’ll take part" in html["members:en"]
        assert "Trekkers kiezen" in html["facilitators:nl"]  # those who run the network
        assert "Trekkers kiezen" not in html["members:en"]
        assert "<form" not in html["projector:nl"]

    run(body())


def test_a_card_under_a_hidden_ambition_is_announced_without_html(network, alice, bob):
    from coalitions.models import Ambition, Coalition

    ambition = Ambition.objects.create(network=network, title="Stil", created_by=bob)
    Ambition.all_objects.filter(pk=ambition.pk).update(hidden=True)
    coalition = Coalition.objects.create(network=network, ambition=ambition, name="Onder stil")

    async def body():
        stream, _ = await broker.subscribe(network.pk, alice.pk, "A", audience="members:nl")
        await sync_to_async(_join)(bob, network, coalition)
        data = await next_event(stream, "changed")
        assert data["keys"] == [f"coalition-{coalition.pk}"]
        assert "html" not in data or f"coalition-{coalition.pk}" not in data["html"]

    run(body())


def _add_ambition(user, network, title):
    client = Client()
    client.force_login(user)
    url = reverse("coalitions:add_ambition", args=[network.slug])
    assert client.post(url, {"title": title}, headers=HX).status_code == 200


def test_the_band_reaches_every_audience_as_those_who_wrote_none_of_it_see_it(
    network, alice, bob, cora
):
    from coalitions.models import Ambition, Coalition, CoalitionRole

    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.members.create(user=bob, role=CoalitionRole.MEMBER)
    bob.shows_email = True  # his coalition partners may read his address
    bob.save()
    Ambition.objects.create(network=network, key="van-bob", title="Van Bob", created_by=bob)
    secret = Ambition.objects.create(network=network, key="stil", title="Stil plan", created_by=bob)
    Ambition.all_objects.filter(pk=secret.pk).update(hidden=True)

    async def body():
        streams = {
            audience: (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in ("facilitators:nl", "editors:nl", "members:nl", "projector:nl")
        }
        await sync_to_async(_add_ambition)(cora, network, "Samen <sterker>")
        return {audience: await next_event(s, "changed") for audience, s in streams.items()}

    got = run(body())
    ambition = Ambition.objects.get(title="Samen <sterker>")
    html = {}
    for audience, data in got.items():
        assert data["keys"] == ["band", f"ambition-{ambition.pk}"]
        html[audience] = data["html"]["band"]
        assert html[audience].lstrip().startswith('<section class="band" id="band"')
    for audience, part in html.items():
        assert "Samen &lt;sterker&gt;" in part, audience
        assert "Stil plan" not in part, audience  # a hidden ambition: its author's alone
        assert bob.email not in part, audience  # addresses only by one's own request
        assert "csrfmiddlewaretoken" not in part, audience
        assert " mine" not in part and 'aria-pressed="true"' not in part, audience
        assert "Jij doet mee" not in part, audience
    # Members: every ambition's edit link, shown on its author's board by the lane's mark.
    assert html["members:nl"].count('class="text-button if-mine" href="') == len(
        re.findall(r'<article class="lane[" ]', html["members:nl"])
    )
    assert "if-mine" not in html["editors:nl"]  # they edit every ambition
    assert "<form" not in html["projector:nl"] and "bewerken" not in html["projector:nl"]


def test_ones_own_ambition_is_marked_on_ones_own_board(network, bob):
    from coalitions.models import Ambition

    mine = Ambition.objects.create(network=network, title="Van Bob", created_by=bob)
    client = Client()
    client.force_login(bob)
    band = client.get(reverse("coalitions:band", args=[network.slug]), headers=HX)
    found = re.findall(r'<article class="lane([^"]*)" id="ambition-(\d+)"', band.text)
    lanes = {int(pk): classes for classes, pk in found}
    assert lanes[mine.pk] == " mine"
    assert all(classes == "" for pk, classes in lanes.items() if pk != mine.pk)


def test_a_word_on_the_identity_map_reaches_every_audience_with_nobodys_own_marked(
    network, alice, bob
):
    from canvas.identity.models import IdentityMap

    IdentityMap.for_workshop(Workshop.start(network, alice, "Kaart"))

    def place():
        client = Client()
        client.force_login(bob)
        url = reverse("identity:map", args=[network.slug])
        data = {"part": "passie", "word": "Samen", "x": 40, "y": 60}
        assert client.post(url, data, headers=HX).status_code == 200

    async def body():
        streams = {
            audience: (await broker.subscribe(network.pk, alice.pk, "A", audience=audience))[0]
            for audience in ("facilitators:nl", "members:nl", "projector:nl")
        }
        await sync_to_async(place)()
        return {audience: await next_event(s, "changed") for audience, s in streams.items()}

    got = run(body())
    html = {}
    for audience, data in got.items():
        assert data["keys"] == ["identity-map"]
        assert data["change"] == "tab-token-1"  # Bob's tab has his own map: it skips this
        html[audience] = data["html"]["identity-map"]
    for audience, part in html.items():
        assert "Samen" in part, audience
        assert "idmap-dot mine" not in part and "Jouw woord" not in part, audience
        assert "csrfmiddlewaretoken" not in part and "Bob" not in part, audience
    assert "Maak notitie" in html["facilitators:nl"]
    assert "Maak notitie" not in html["members:nl"] and "<form" not in html["projector:nl"]
