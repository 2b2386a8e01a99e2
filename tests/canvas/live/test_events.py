"""The live event broker: fan-out, replay, presence, and who receives nothing.

The same tests run on SQLite (in-process broadcast) and, with DATABASE_URL set, on
PostgreSQL (LISTEN/NOTIFY); the last ones simulate two server processes with two brokers.
"""

import asyncio
import json
import time

import pytest
from asgiref.sync import sync_to_async
from django.db import connection

from canvas.live import events
from canvas.live.events import Broker, broker, publish
from networks.models import Membership
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY needs PostgreSQL"
)


def close_connection():
    connection.close()


def run(coroutine):
    """Run an async test body, then stop the broker so no connection outlives the test."""

    async def main():
        try:
            return await coroutine
        finally:
            await broker.stop()
            await sync_to_async(close_connection)()  # in the thread that published

    return asyncio.run(main())


async def next_item(subscription, timeout=3):
    return await asyncio.wait_for(subscription.queue.get(), timeout)


async def next_event(subscription, name, timeout=3):
    """Return the data of the next event called `name`, skipping presence updates."""
    while True:
        item = await next_item(subscription, timeout)
        fields = dict(line.split(": ", 1) for line in item.decode().strip().splitlines())
        if fields["event"] == name:
            return json.loads(fields["data"]) if fields["data"].startswith("{") else fields


def latest_presence(subscription):
    """Return the newest presence list waiting for the stream."""
    html = None
    while not subscription.queue.empty():
        (event,) = parse([subscription.queue.get_nowait()])
        if event["event"] == "presence":
            html = event["data"]
    return html


def parse(chunks):
    return [
        dict(line.split(": ", 1) for line in chunk.decode().strip().splitlines())
        for chunk in chunks
    ]


def test_an_event_reaches_every_stream_on_the_network_and_no_other(network, alice, bob):
    other = network.__class__.objects.create(name="Ander netwerk", slug="ander")

    async def body():
        at_alice, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        at_bob, _ = await broker.subscribe(network.pk, bob.pk, "Bob")
        elsewhere, _ = await broker.subscribe(other.pk, alice.pk, "Alice")
        await sync_to_async(publish)(network.pk, "changed", {"keys": ["note-1"]})
        assert await next_event(at_alice, "changed") == {"keys": ["note-1"]}
        assert await next_event(at_bob, "changed") == {"keys": ["note-1"]}
        with pytest.raises(TimeoutError):
            await next_event(elsewhere, "changed", timeout=0.3)

    run(body())


def test_nothing_is_sent_before_the_commit(network, alice):
    async def body():
        stream, _ = await broker.subscribe(network.pk, alice.pk, "Alice")

        def rolled_back():
            from django.db import transaction

            with pytest.raises(RuntimeError), transaction.atomic():
                publish(network.pk, "changed", {"keys": ["note-1"]})
                raise RuntimeError

        await sync_to_async(rolled_back)()
        with pytest.raises(TimeoutError):
            await next_event(stream, "changed", timeout=0.3)

    run(body())


def test_a_reconnecting_stream_replays_what_it_missed(network, alice):
    async def body():
        # An event from before this process listened: nobody here knows it.
        await sync_to_async(publish)(network.pk, "changed", {"n": -1})
        stream, first = await broker.subscribe(network.pk, alice.pk, "Alice")
        (hello,) = parse(first)
        assert hello["event"] == "hello"
        for n in range(3):
            await sync_to_async(publish)(network.pk, "changed", {"n": n})
        seen = [await next_event(stream, "changed") for _ in range(3)]
        assert [data["n"] for data in seen] == [0, 1, 2]
        broker.unsubscribe(stream)

        # Back with the id of the first event: the other two come again, in order.
        ids = [int(event.id) for event in broker.rings[network.pk].events]
        again, replay = await broker.subscribe(network.pk, alice.pk, "Alice", ids[0])
        assert [json.loads(e["data"])["n"] for e in parse(replay)] == [1, 2]
        assert [int(e["id"]) for e in parse(replay)] == ids[1:]

        # Back from before anything this process knows: reload the board instead.
        _old, resync = await broker.subscribe(network.pk, alice.pk, "Alice", 0)
        assert parse(resync)[0]["event"] == "resync"

        # Back from the page's own position: the changes since it was rendered.
        position = await sync_to_async(broker.position)()
        await sync_to_async(publish)(network.pk, "changed", {"n": 3})
        await next_event(again, "changed")
        _page, since = await broker.subscribe(network.pk, alice.pk, "Alice", position)
        assert [json.loads(e["data"])["n"] for e in parse(since)] == [3]

    run(body())


def test_a_page_rendered_before_the_first_stream_is_not_told_to_resync(network, alice):
    # A page is rendered (its position taken) while the server has no stream open yet;
    # its stream is the first one (a new server process, or the next test's server).
    run(asyncio.sleep(0))  # the broker was bound to an earlier event loop
    position = broker.position()
    time.sleep(0.005)  # the clock moves on: a new id would now differ from the position

    async def body():
        stream, first = await broker.subscribe(network.pk, alice.pk, "Alice", position)
        assert parse(first) == []  # nothing missed, and no resync of the whole board
        await sync_to_async(publish)(network.pk, "changed", {"keys": ["note-1"]})
        assert await next_event(stream, "changed") == {"keys": ["note-1"]}

    run(body())


def test_a_full_ring_forgets_the_oldest_and_asks_for_a_resync(network, alice, monkeypatch):
    monkeypatch.setattr(events, "RING_SIZE", 2)

    async def body():
        stream, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        for n in range(3):
            await sync_to_async(publish)(network.pk, "changed", {"n": n})
            await next_event(stream, "changed")
        ring = broker.rings[network.pk]
        assert len(ring.events) == 2
        forgotten = ring.complete_after  # the id of the first event, gone from the ring
        _s, replay = await broker.subscribe(network.pk, alice.pk, "Alice", forgotten)
        assert [json.loads(e["data"])["n"] for e in parse(replay)] == [1, 2]
        _s, resync = await broker.subscribe(network.pk, alice.pk, "Alice", forgotten - 1)
        assert parse(resync)[0]["event"] == "resync"

    run(body())


def test_presence_lists_who_is_on_the_board_and_forgets_who_left(network, alice, bob):
    guest = make_user("Gijs Gast", email="", is_guest=True)

    async def body():
        at_alice, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        assert "Alice" in latest_presence(at_alice)
        at_bob, _ = await broker.subscribe(network.pk, bob.pk, "Bob")
        at_guest, _ = await broker.subscribe(network.pk, guest.pk, str(guest))
        html = latest_presence(at_bob)
        assert html.index("Alice") < html.index("Bob") < html.index("Gijs Gast")
        assert ">GG<" in html
        assert latest_presence(at_alice) == html
        broker.unsubscribe(at_guest)
        broker.unsubscribe(at_bob)
        html = latest_presence(at_alice)
        assert "Bob" not in html and "Gijs" not in html and "Alice" in html

    run(body())


def test_two_tabs_of_one_person_count_once_until_both_close(network, alice, bob):
    async def body():
        tab1, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        tab2, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        watcher, _ = await broker.subscribe(network.pk, bob.pk, "Bob")
        broker.unsubscribe(tab1)
        assert [uid for uid, _name in broker.presence.people(network.pk)] == [alice.pk, bob.pk]
        broker.unsubscribe(tab2)
        assert [uid for uid, _name in broker.presence.people(network.pk)] == [bob.pk]
        assert watcher

    run(body())


def test_names_in_the_presence_list_are_escaped(network, alice):
    async def body():
        stream, _ = await broker.subscribe(network.pk, alice.pk, "<b>Alice</b>")
        html = (await next_event(stream, "presence"))["data"]
        assert "<b>" not in html and "&lt;b&gt;Alice&lt;/b&gt;" in html

    run(body())


def test_a_removed_member_stops_receiving_at_once(network, alice, bob):
    async def body():
        at_bob, _ = await broker.subscribe(network.pk, bob.pk, "Bob")
        at_alice, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
        await sync_to_async(Membership.objects.filter(user=bob).delete)()
        while not at_bob.removed:
            await next_item(at_bob)
        assert not at_alice.removed
        await sync_to_async(publish)(network.pk, "changed", {"keys": ["note-1"]})
        assert await next_event(at_alice, "changed")

    run(body())


@on_postgres
def test_events_reach_the_streams_of_every_process_through_notify(network, alice, bob):
    async def body():
        other_process = Broker()
        try:
            here, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
            there, _ = await other_process.subscribe(network.pk, bob.pk, "Bob")
            await sync_to_async(publish)(network.pk, "changed", {"keys": ["note-7"]})
            assert await next_event(here, "changed") == {"keys": ["note-7"]}
            assert await next_event(there, "changed") == {"keys": ["note-7"]}
            # Both processes number the event alike, so a browser may reconnect to either.
            assert broker.rings[network.pk].events[-1].id == (
                other_process.rings[network.pk].events[-1].id
            )
        finally:
            await other_process.stop()

    run(body())


@on_postgres
def test_presence_is_shared_between_processes_and_expires(network, alice, bob, monkeypatch):
    async def body():
        other_process = Broker()
        try:
            here, _ = await broker.subscribe(network.pk, alice.pk, "Alice")
            await other_process.subscribe(network.pk, bob.pk, "Bob")
            while "Bob" not in (await next_event(here, "presence"))["data"]:
                pass  # the other process's snapshot arrives through NOTIFY
            # The other process dies without a word: its people expire after the timeout.
            await other_process.stop()
            monkeypatch.setattr(events, "PRESENCE_TIMEOUT", 0)
            for network_id in broker.presence.expire():
                broker._presence_changed(network_id)
            html = latest_presence(here)
            assert "Bob" not in html and "Alice" in html
        finally:
            await other_process.stop()

    run(body())
