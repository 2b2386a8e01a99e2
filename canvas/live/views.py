"""The live event stream of a network's board: the app's one async view.

It checks access once, then holds no database connection while it waits: a workshop of a
hundred people keeps a hundred streams open, not a hundred connections.
"""

import asyncio
import time

from asgiref.sync import sync_to_async
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from canvas.live.events import broker, sse
from networks.access import get_access
from networks.models import Membership
from networks.params import parse_id

KEEPALIVE = 15  # seconds: a comment line keeps proxies from closing an idle stream
RECHECK = 60  # seconds between access checks (removal, revocation end a stream at once)
BATCH = 100  # events sent in one write when a stream has fallen behind


def _give_back(connection):
    # Inside a transaction (a test's) the connection is not ours to close.
    if not connection.in_atomic_block:
        connection.close()


def _watcher(request, slug):
    """Return (network id, user id, name, access ends, audience) if the person may watch
    the board; else 404. A guest's access ends with the link they joined through (a time,
    or None). The audience names the variant of the pushed parts the stream gets."""
    try:
        access = get_access(request, slug)
        ends = _access_ends(access.membership)
        return access.network.pk, access.user.pk, str(access.user), ends, _audience(request, access)
    finally:
        _give_back(connection)  # back to the pool before the long wait


def _audience(request, access):
    """Return the stream's audience: the projector, those who edit the whole canvas, or
    members (guests too), each in the page's language."""
    if request.GET.get("projector") == "1":
        kind = "projector"
    else:
        kind = "editors" if access.edits_everything else "members"
    return f"{kind}:{get_language()}"


def _access_ends(membership):
    """Return when a guest's access ends (their link's expiry); None for an account."""
    return membership.join_link.expires_at if membership.user.is_guest else None


def _may_still_watch(network_id, user_id):
    """Return whether the person is still a member who may take part (a guest's link may
    have expired or been revoked, or a newer one renewed it), and until when."""
    try:
        membership = (
            Membership.objects.filter(network_id=network_id, user_id=user_id)
            .select_related("user", "join_link")
            .first()
        )
        if membership is None or not membership.guest_may_take_part:
            return False, None
        return True, _access_ends(membership)
    finally:
        _give_back(connection)


def _last_event_id(request):
    # The browser sends the header when it reconnects by itself; live.js passes ?last=
    # when htmx opens a new stream, or the position of the page it just rendered.
    value = request.headers.get("Last-Event-ID") or request.GET.get("last") or ""
    return parse_id(value)


@require_GET
async def board_events(request, slug):
    network_id, user_id, name, ends, audience = await sync_to_async(_watcher)(request, slug)
    stream = _stream(network_id, user_id, name, _last_event_id(request), ends, audience)
    return StreamingHttpResponse(
        stream,
        content_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


def _seconds_until(moment):
    return None if moment is None else (moment - timezone.now()).total_seconds()


async def _stream(network_id, user_id, name, last_id, ends=None, audience=""):
    subscription, first = await broker.subscribe(network_id, user_id, name, last_id, audience)
    try:
        yield b"retry: 2000\n\n" + b"".join(first)
        checked = time.monotonic()
        while not subscription.removed:
            left = _seconds_until(ends)
            if left is not None and left <= 0:
                # A guest's link expired: unless a newer one renewed it, access ends now.
                allowed, ends = await sync_to_async(_may_still_watch)(network_id, user_id)
                if not allowed:
                    break
                checked = time.monotonic()
                continue
            wait = KEEPALIVE if left is None else min(KEEPALIVE, left)
            try:
                item = await asyncio.wait_for(subscription.queue.get(), timeout=wait)
            except TimeoutError:
                if left is not None and left <= wait:
                    continue  # the link's end: check access first
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
                allowed, ends = await sync_to_async(_may_still_watch)(network_id, user_id)
                if not allowed:
                    break
                checked = time.monotonic()
        yield sse("removed", "{}")
    finally:
        broker.unsubscribe(subscription)
