"""The live event stream of a network's board: the app's one async view.

It checks access once, then holds no database connection while it waits: a workshop of a
hundred people keeps a hundred streams open, not a hundred connections.
"""

import asyncio
import time

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from canvas.live.events import broker, sse
from networks.access import get_access
from networks.models import Membership
from networks.params import parse_id

KEEPALIVE = 15  # seconds: a comment line keeps proxies from closing an idle stream
RECHECK = 60  # seconds between membership checks (removal also ends a stream at once)
BATCH = 100  # events sent in one write when a stream has fallen behind


def _give_back(connection):
    # Inside a transaction (a test's) the connection is not ours to close.
    if not connection.in_atomic_block:
        connection.close()


def _watcher(request, slug):
    """Return (network id, user id, name) if the person may watch the board; else 404."""
    try:
        access = get_access(request, slug)
        return access.network.pk, access.user.pk, str(access.user)
    finally:
        _give_back(connection)  # back to the pool before the long wait


def _still_member(network_id, user_id):
    try:
        return Membership.objects.filter(network_id=network_id, user_id=user_id).exists()
    finally:
        _give_back(connection)


def _last_event_id(request):
    # The browser sends the header when it reconnects by itself; live.js passes ?last=
    # when htmx opens a new stream, or the position of the page it just rendered.
    value = request.headers.get("Last-Event-ID") or request.GET.get("last") or ""
    return parse_id(value)


@require_GET
async def board_events(request, slug):
    network_id, user_id, name = await sync_to_async(_watcher)(request, slug)
    stream = _stream(network_id, user_id, name, _last_event_id(request))
    return StreamingHttpResponse(
        stream,
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _stream(network_id, user_id, name, last_id):
    subscription, first = await broker.subscribe(network_id, user_id, name, last_id)
    try:
        yield b"retry: 2000\n\n" + b"".join(first)
        checked = time.monotonic()
        while not subscription.removed:
            try:
                item = await asyncio.wait_for(subscription.queue.get(), timeout=KEEPALIVE)
            except TimeoutError:
                item = b": keepalive\n\n"
            items = [item]
            while not subscription.queue.empty() and len(items) < BATCH:
                items.append(subscription.queue.get_nowait())
            if subscription.overflowed:
                # Too far behind to catch up event by event: reload the board instead.
                while not subscription.queue.empty():
                    subscription.queue.get_nowait()
                subscription.overflowed = False
                items = [sse("resync", "{}", broker.last_id)]
            if subscription.removed:
                break
            yield b"".join(item for item in items if item)
            if time.monotonic() - checked > RECHECK:
                if not await sync_to_async(_still_member)(network_id, user_id):
                    break
                checked = time.monotonic()
        yield sse("removed", "{}")
    finally:
        broker.unsubscribe(subscription)
