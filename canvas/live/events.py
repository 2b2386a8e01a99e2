"""Live board events: published after commit, fanned out to the open event streams.

Every server process has one `broker`. On PostgreSQL an event travels through NOTIFY on
one channel, and each process's broker listens on its own psycopg connection (outside
Django's pool) and hands what arrives to the streams it serves, so several processes stay
in sync. On SQLite (the single-process demo) the broker hands events over in-process.

Events carry an increasing id (a PostgreSQL sequence, or a clock-based counter on SQLite)
and each process keeps the recent ones per network in a ring, so a browser that lost its
connection replays what it missed from Last-Event-ID, or is told to resync.

A change travels with its HTML: the board's parts it names are rendered once per
audience (RENDERERS: editors, members, the projector; in each language) when it is
committed, and every stream gets the variant of its own audience, so no browser has to ask
for it again. What only one person may see never goes into such a part. On PostgreSQL an
event too big for NOTIFY waits in a table (live_payload) and the notification carries its
row's id: each process reads it once, not each stream.

Presence (who has the board open) lives in memory: each process counts its own streams
and shares its snapshot per network through the same channel, every few seconds and on
every change; a snapshot that is not renewed for PRESENCE_TIMEOUT seconds expires, so the
people of a process that died disappear too.
"""

import asyncio
import contextlib
import json
import logging
import re
import threading
import time
import uuid
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from functools import partial

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse

from networks.models import Membership

logger = logging.getLogger(__name__)

CHANNEL = "canvas_events"
SEQUENCE = "canvas_event_id"
RING_SIZE = 500  # events kept per network per process for replay
QUEUE_SIZE = 1000  # events waiting for one slow stream before it is told to resync
HEARTBEAT = 10  # seconds between presence snapshots sent to the other processes
PRESENCE_TIMEOUT = 30  # seconds after which another process's snapshot expires
NOTIFY_LIMIT = 7900  # PostgreSQL refuses NOTIFY payloads of 8000 bytes or more
PAYLOAD_KEEP = 300  # seconds a big event's payload is kept (replay uses the rings)

# Names starting with "_" are for the brokers only and never reach a browser.
PRESENCE = "_presence"
HELLO = "_hello"
MEMBERSHIP_REMOVED = "_membership-removed"
APPLICATION_NAME = "netwerkcanvas-live"  # the broker's own PostgreSQL connections


def publish(network_id, name, data=None):
    """Send an event to everyone watching the network's board, once it is committed.

    The transport under `publish_change`, which every view uses; `data` is a small
    JSON-able dict that browsers get as the event's data.
    """
    transaction.on_commit(partial(broker.send, network_id, name, data or {}))


# Key prefix ("prompt-") -> function(network, key) returning {audience: HTML} of that part,
# or None. The rooms register theirs (canvas.board's AppConfig.ready): the broker renders
# nothing itself.
RENDERERS = {}


def render_parts(network, keys):
    """Return {key: {audience: HTML}} of the keys a renderer knows, for the audiences that
    watch the network now (broker.audiences); a renderer that fails leaves its key to be
    fetched (the change is committed: it must still be announced)."""
    audiences = broker.audiences(network.pk)
    if audiences is not None and not audiences:
        return {}  # no one watches: nothing to render
    parts = {}
    for key in keys:
        prefix = key.split("-", 1)[0] + "-"
        renderer = RENDERERS.get(prefix)
        if renderer is None:
            continue
        try:
            rendered = renderer(network, key, audiences)
        except Exception:
            logger.exception("Live events: could not render %s; boards fetch it.", key)
            continue
        if rendered:
            parts[key] = rendered
    return parts


def publish_change(network, *keys, by=None, everything=False, into=None):
    """Tell the network's open boards which parts changed ("prompt-…", "note-…", "band").

    The parts a renderer knows travel as HTML, one variant per audience, rendered once
    when the change is committed; each board fetches the others again with its viewer's
    own permissions. `by` is
    the request that made the change: live.js names each request with a fresh random
    token (X-Live-Change) and skips the event that carries one of its own, as that tab
    shows the change already. A token names one change, never a tab or a person: no one
    watching the stream can tell which changes came from the same tab. Without `by`
    every tab fetches them, the one that made the change too.
    `everything`: the whole canvas changed (a restore, an import); every open board
    fetches all of it again. `into`: a new note's list ("prompt-…"), which each board
    appends its pushed `<li>` to, instead of receiving the whole list again.
    """
    if everything:
        publish(network.pk, "resync")
        return
    change = by.headers.get("X-Live-Change", "") if by is not None else ""
    change = change if _CHANGE.fullmatch(change) else ""

    def send():
        data = {"keys": list(keys), "change": change}
        if into:
            data["into"] = into
        parts = render_parts(network, keys)  # committed: what everyone may now see
        if parts:
            data["parts"] = parts
        broker.send(network.pk, "changed", data)

    transaction.on_commit(send)


_CHANGE = re.compile(r"[A-Za-z0-9-]{1,40}")


def live_context(network, *, projector=False):
    """Return what a board page needs to follow its events; call it before its queries.

    `now`: the server's clock (ms), from which workshop.js learns how far the browser's
    differs, to count a timer down to its end (data-ends) in a bar shown later."""
    stream = reverse("live-events", args=[network.slug]) + ("?projector=1" if projector else "")
    return {"stream": stream, "position": broker.position(), "now": time.time_ns() // 1_000_000}


@dataclass(frozen=True)
class Event:
    id: int | None
    network_id: int
    name: str
    data: dict

    def encode(self, audience=None):
        """Return the event in the text/event-stream format, as `audience` gets it: of the
        parts' HTML only its own variant ("html": {key: HTML})."""
        data = self.data
        if "parts" in data:
            html = {key: variants.get(audience) for key, variants in data["parts"].items()}
            data = {key: value for key, value in data.items() if key != "parts"}
            data["html"] = {key: part for key, part in html.items() if part is not None}
        return sse(self.name, json.dumps(data, separators=(",", ":")), self.id)


def sse(name, data, event_id=None):
    lines = [f"id: {event_id}"] if event_id is not None else []
    lines.append(f"event: {name}")
    lines.extend(f"data: {line}" for line in str(data).splitlines() or [""])
    return ("\n".join(lines) + "\n\n").encode()


@dataclass
class Ring:
    """The recent events of one network, oldest first."""

    # Events up to this id may have passed unseen (before this process listened, or
    # dropped off the ring): a browser that saw less must resync.
    complete_after: int
    events: deque = field(default_factory=lambda: deque(maxlen=RING_SIZE))

    def add(self, event):
        if len(self.events) == self.events.maxlen:
            self.complete_after = max(self.complete_after, self.events[0].id)
        self.events.append(event)

    def since(self, last_id):
        """Return the events after `last_id`, or None if some of them are unknown here."""
        ids = [event.id for event in self.events]
        if last_id in ids:
            # By position: ids come from a sequence but arrive in commit order.
            return list(self.events)[ids.index(last_id) + 1 :]
        if last_id < self.complete_after:
            return None
        return [event for event in self.events if event.id > last_id]


@dataclass(eq=False)
class Subscription:
    """One open event stream: one browser tab of one person on one network's board."""

    network_id: int
    user_id: int
    name: str
    audience: str = ""  # whose variant of the parts it gets: "members:nl", "editors:en" …
    queue: asyncio.Queue = field(default_factory=lambda: asyncio.Queue(QUEUE_SIZE))
    overflowed: bool = False
    removed: bool = False

    def put(self, item):
        try:
            self.queue.put_nowait(item)
        except asyncio.QueueFull:
            self.overflowed = True


class Presence:
    """Who is on each network's board: this process's streams plus the other processes'."""

    def __init__(self):
        self.local = defaultdict(dict)  # network id -> user id -> [name, open streams]
        self.remote = defaultdict(dict)  # network id -> process -> (people, received at)
        self.remote_audiences = defaultdict(dict)  # network id -> process -> audiences

    def join(self, network_id, user_id, name):
        entry = self.local[network_id].setdefault(user_id, [name, 0])
        entry[1] += 1

    def leave(self, network_id, user_id):
        people = self.local[network_id]
        if user_id in people:
            people[user_id][1] -= 1
            if people[user_id][1] <= 0:
                del people[user_id]

    def snapshot(self, network_id):
        """Return this process's people on the network as [[user id, name], ...]."""
        return [[uid, name] for uid, (name, _count) in self.local.get(network_id, {}).items()]

    def receive(self, network_id, process, people, audiences=()):
        self.remote[network_id][process] = (people, time.monotonic())
        self.remote_audiences[network_id][process] = frozenset(audiences)

    def expire(self):
        """Forget snapshots not renewed in time; return the networks whose people changed."""
        cutoff = time.monotonic() - PRESENCE_TIMEOUT
        changed = set()
        for network_id, processes in self.remote.items():
            for process in [p for p, (_people, at) in processes.items() if at < cutoff]:
                del processes[process]
                self.remote_audiences[network_id].pop(process, None)
                changed.add(network_id)
        return changed

    def people(self, network_id):
        """Return everyone on the network's board, sorted by name: [(user id, name)]."""
        everyone = dict(self.snapshot(network_id))
        for people, _at in self.remote.get(network_id, {}).values():
            for uid, name in people:
                everyone.setdefault(uid, name)
        return sorted(everyone.items(), key=lambda item: (item[1].casefold(), item[0]))


class Broker:
    """Fan events out to this process's event streams (see the module docstring)."""

    def __init__(self):
        self.process = uuid.uuid4().hex[:12]
        self.lock = threading.Lock()  # guards ids and rings: send() runs in view threads
        self.last_id = None
        self.rings = {}
        self.subscribers = defaultdict(set)
        self.presence = Presence()
        self.local_audiences = defaultdict(Counter)  # network id -> audience -> streams
        self.loop = None
        self.tasks = []
        self.ready = None  # PostgreSQL: set once this process listens
        self.outbox = None  # PostgreSQL: messages from this broker to the others
        self.floor = 0  # PostgreSQL: the sequence's value when this process began to listen

    # -- publishing (any thread) ----------------------------------------------------------

    @property
    def uses_postgres(self):
        return connection.vendor == "postgresql"

    def send(self, network_id, name, data):
        """Send one event now (publish() calls this after the commit)."""
        if self.uses_postgres:
            payload = json.dumps({"n": network_id, "e": name, "d": data}, separators=(",", ":"))
            with connection.cursor() as cursor:
                if len(payload.encode()) > NOTIFY_LIMIT - 50:
                    payload = self._park(cursor, network_id, name, payload)
                cursor.execute(
                    f"SELECT pg_notify(%s, nextval('{SEQUENCE}')::text || ' ' || %s)",
                    [CHANNEL, payload],
                )
            return
        with self.lock:
            # Clock-based, so ids keep increasing across a restart of the demo.
            event_id = max(self._start_id() + 1, time.time_ns() // 1_000_000)
            event = Event(event_id, network_id, name, data)
            self._remember(event)
        self._call_in_loop(self._deliver, event)

    def _park(self, cursor, network_id, name, payload):
        """Keep a payload too big for NOTIFY in live_payload; return the notification
        that names its row (each process reads the row once, see _receive_notify)."""
        cursor.execute(
            "DELETE FROM live_payload WHERE created_at < now() - make_interval(secs => %s)",
            [PAYLOAD_KEEP],
        )
        cursor.execute(
            "INSERT INTO live_payload (data, created_at) VALUES (%s, now()) RETURNING id",
            [payload],
        )
        (ref,) = cursor.fetchone()
        return json.dumps({"n": network_id, "e": name, "ref": ref}, separators=(",", ":"))

    def audiences(self, network_id):
        """Return the audiences whose streams watch the network, in every process (each
        shares its own with its presence, see _share_presence): the variants a change is
        rendered in. None when this process does not listen (yet): then render them all.

        A stream that opened a moment ago in another process may be missing here: its
        board then fetches what the event names, as for any part without HTML."""
        if self.uses_postgres and (self.ready is None or not self.ready.is_set()):
            return None
        with self.lock:
            found = set(self.local_audiences.get(network_id, ()))
            for audiences in list(self.presence.remote_audiences.get(network_id, {}).values()):
                found |= audiences
        return found

    def position(self):
        """Return the id from which a page that is about to be rendered follows the events.

        Call it before the page's own queries: every event with a higher id may concern a
        change the page does not show yet, so its stream replays those. (Ids are taken
        after the change is committed.)
        """
        if self.uses_postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SEQUENCE}"
                )
                return cursor.fetchone()[0]
        with self.lock:
            return self._start_id()

    def _start_id(self):
        if self.last_id is None:
            self.last_id = time.time_ns() // 1_000_000
        return self.last_id

    def _remember(self, event):
        """Keep a numbered event for replay (caller holds the lock)."""
        if event.id is None or event.name.startswith("_"):
            return
        ring = self.rings.get(event.network_id)
        if ring is None:
            ring = self.rings[event.network_id] = Ring(complete_after=self._floor())
        ring.add(event)
        self.last_id = event.id if self.last_id is None else max(self.last_id, event.id)

    def _floor(self):
        return self.floor if self.uses_postgres else self._start_id()

    def _call_in_loop(self, function, *args):
        loop = self.loop
        if loop is None or loop.is_closed():
            return
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            function(*args)
        else:
            loop.call_soon_threadsafe(function, *args)

    # -- streams (the event loop) ---------------------------------------------------------

    async def subscribe(self, network_id, user_id, name, last_id=None, audience=""):
        """Open a stream; return it and what to send first (replay, resync or hello).

        `last_id` is the last event the browser saw (None for a brand-new stream);
        `audience` the variant of the parts' HTML it gets.
        """
        await self._start()
        subscription = Subscription(network_id, user_id, name, audience)
        # No await from here on: an event arrives either in the replay or in the queue.
        self.subscribers[network_id].add(subscription)
        with self.lock:
            self.local_audiences[network_id][audience] += 1
        self.presence.join(network_id, user_id, name)
        first = self._catch_up(network_id, last_id, audience)
        self._presence_changed(network_id, share=True)
        return subscription, first

    def unsubscribe(self, subscription):
        self.subscribers[subscription.network_id].discard(subscription)
        with self.lock:
            counts = self.local_audiences[subscription.network_id]
            counts[subscription.audience] -= 1
            if counts[subscription.audience] <= 0:
                del counts[subscription.audience]
        self.presence.leave(subscription.network_id, subscription.user_id)
        self._presence_changed(subscription.network_id, share=True)

    def _catch_up(self, network_id, last_id, audience=""):
        with self.lock:
            position = self.last_id if self.last_id is not None else self._floor()
            if last_id is None:
                return [sse("hello", "{}", position)]
            ring = self.rings.get(network_id) or Ring(complete_after=self._floor())
            missed = ring.since(last_id)
        if missed is None:
            return [sse("resync", "{}", position)]
        return [event.encode(audience) for event in missed]

    def _deliver(self, event):
        """Hand an event that arrived here to this process's streams (in the loop)."""
        if event.name == MEMBERSHIP_REMOVED:
            for subscription in self.subscribers.get(event.network_id, ()):
                if subscription.user_id == event.data.get("user"):
                    subscription.removed = True
                    subscription.put(None)
            return
        if event.name.startswith("_"):
            return
        encoded = {}  # once per audience, not per stream
        for subscription in self.subscribers.get(event.network_id, ()):
            audience = subscription.audience
            if audience not in encoded:
                encoded[audience] = event.encode(audience)
            subscription.put(encoded[audience])

    def _presence_changed(self, network_id, share=False):
        people = [
            {"name": name, "initials": _initials(name)}
            for _uid, name in self.presence.people(network_id)
        ]
        html = render_to_string("board/presence.html", {"people": people}).strip()
        encoded = sse("presence", html)
        for subscription in self.subscribers.get(network_id, ()):
            subscription.put(encoded)
        if share and self.ready is not None:
            self._share_presence([network_id])

    def resync_everyone(self, position):
        """Tell every stream here to reload its board: events may have been lost.

        `position` is where the streams follow from now on; the caller (the listener,
        back after losing the database) reads it on its own connection: a Django query
        here, in the event loop, raised SynchronousOnlyOperation on every reconnect."""
        encoded = sse("resync", "{}", position)
        for subscriptions in self.subscribers.values():
            for subscription in subscriptions:
                subscription.put(encoded)

    # -- PostgreSQL: one listener and one sender per process ------------------------------

    async def _start(self):
        loop = asyncio.get_running_loop()
        if self.loop is not loop:
            self._reset(loop)
        if not self.uses_postgres:
            return
        if self.ready is None:
            self.ready = asyncio.Event()
            self.outbox = asyncio.Queue()
            self.tasks.append(loop.create_task(self._listen()))
            self.tasks.append(loop.create_task(self._heartbeat()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ready.wait(), timeout=5)

    def _reset(self, loop):
        """Bind to a new event loop (a new server process, or the next test).

        On SQLite the ids handed out so far stay: pages rendered before the first stream
        opened follow the events from their position, instead of being told to resync
        (which refreshed every fragment of a board that had only just loaded).
        """
        for task in self.tasks:
            task.cancel()
        last_id = self.last_id
        self.__init__()
        self.loop = loop
        if not self.uses_postgres:
            self.last_id = last_id

    async def stop(self):
        """Stop listening and close the broker's connections (tests, shutdown)."""
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.tasks, self.ready = [], None

    def _connection_params(self):
        params = connection.get_connection_params()
        for key in ("cursor_factory", "context", "pool"):
            params.pop(key, None)
        return params

    async def _connect(self):
        import psycopg

        # Named, so an operator (or a test) can tell the broker's connections apart.
        return await psycopg.AsyncConnection.connect(
            **self._connection_params(), autocommit=True, application_name=APPLICATION_NAME
        )

    async def _listen(self):
        """Receive every event from NOTIFY and send the outbox, reconnecting when lost."""
        delay, first = 0.5, True
        while True:
            try:
                async with (
                    await self._connect() as listener,
                    await self._connect() as sender,
                    await self._connect() as reader,
                ):
                    await listener.execute(f"LISTEN {CHANNEL}")
                    cursor = await listener.execute(
                        f"SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM {SEQUENCE}"
                    )
                    (floor,) = await cursor.fetchone()
                    with self.lock:
                        self.floor = floor
                        if not first:
                            self.rings.clear()  # what passed while we were away is unknown
                        self.last_id = max(floor, self.last_id or 0)
                    if not first:
                        self.resync_everyone(floor)
                    first, delay = False, 0.5
                    self._post(HELLO, 0, {})
                    self.ready.set()
                    # If either connection fails, the group cancels the other; both reopen.
                    async with asyncio.TaskGroup() as group:
                        group.create_task(self._receive_all(listener, reader))
                        group.create_task(self._send_all(sender))
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("Live events: lost the PostgreSQL connection; reconnecting.")
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10)

    async def _receive_all(self, listener, reader):
        async for notify in listener.notifies():
            await self._receive_notify(notify.payload, reader)

    async def _receive_notify(self, payload, reader):
        """Receive one notification; a big event's payload is read from its row first
        (one read per process; events stay in order, as this awaits before the next)."""
        head, _, body = payload.partition(" ")
        if body.startswith('{"n":') and '"ref":' in body:
            ref = json.loads(body).get("ref")
            if isinstance(ref, int):
                cursor = await reader.execute("SELECT data FROM live_payload WHERE id = %s", [ref])
                row = await cursor.fetchone()
                if row is None:  # gone (kept PAYLOAD_KEEP seconds): streams must resync
                    self.resync_everyone(int(head) if head != "-" else self.last_id)
                    return
                payload = f"{head} {row[0]}"
        self._receive(payload)

    async def _send_all(self, sender):
        while True:
            payload = await self.outbox.get()
            await sender.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])

    def _post(self, name, network_id, data):
        """Queue an unnumbered broker-to-broker message for the channel."""
        payload = json.dumps({"n": network_id, "e": name, "d": data}, separators=(",", ":"))
        self.outbox.put_nowait("- " + payload)

    def _receive(self, payload):
        head, _, body = payload.partition(" ")
        message = json.loads(body)
        event_id = int(head) if head != "-" else None
        event = Event(event_id, message["n"], message["e"], message["d"])
        if event.name == PRESENCE:
            if message["d"]["p"] != self.process:
                data = message["d"]
                with self.lock:
                    self.presence.receive(
                        event.network_id, data["p"], data["people"], data.get("a", ())
                    )
                self._presence_changed(event.network_id)
            return
        if event.name == HELLO:
            # A process started: tell it who is here without waiting for the heartbeat.
            self._share_presence()
            return
        with self.lock:
            self._remember(event)
        self._deliver(event)

    def _share_presence(self, network_ids=None):
        if network_ids is None:
            network_ids = list(self.presence.local)
        for network_id in network_ids:
            people = self.presence.snapshot(network_id)
            data = {"p": self.process, "people": [[uid, name[:40]] for uid, name in people]}
            with self.lock:
                data["a"] = sorted(self.local_audiences.get(network_id, {}))
            if len(json.dumps(data)) > NOTIFY_LIMIT - 100:
                data["people"] = [[uid, _initials(name)] for uid, name in people]
            self._post(PRESENCE, network_id, data)
            if not people:
                self.presence.local.pop(network_id, None)

    async def _heartbeat(self):
        while True:
            await asyncio.sleep(HEARTBEAT)
            self._share_presence()
            with self.lock:
                expired = self.presence.expire()
            for network_id in expired:
                self._presence_changed(network_id)


def _initials(name):
    """Return up to two initials: the first letter of the name's first words, leaving out
    what is in brackets (a guest's "(gast)") and anything that is no letter."""
    name = re.sub(r"\([^)]*\)?", " ", name)
    letters = [next((c for c in word if c.isalpha()), "") for word in name.split()]
    return "".join([letter for letter in letters if letter][:2]).upper() or "?"


broker = Broker()


@receiver(post_delete, sender="networks.Membership")
def _membership_removed(sender, instance, **kwargs):
    """Close the removed person's streams at once (their next connection gets a 404)."""
    publish(instance.network_id, MEMBERSHIP_REMOVED, {"user": instance.user_id})


@receiver(post_save, sender="networks.JoinLink")
def _join_link_revoked(sender, instance, **kwargs):
    """Close the streams of the guests who took part through a link revoked just now.

    A guest has no password: their access lasts as long as their link (a link that
    expires ends their streams when it does, see canvas.live.views)."""
    if instance.revoked_at is None:
        return
    guests = Membership.objects.filter(join_link=instance, user__is_guest=True)
    for user_id in guests.values_list("user_id", flat=True):
        publish(instance.network_id, MEMBERSHIP_REMOVED, {"user": user_id})
