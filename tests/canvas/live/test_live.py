"""The event stream view, served by uvicorn as in production (event streams need ASGI)."""

import json
from contextlib import ExitStack
from datetime import timedelta

import httpx
import pytest
from django.db import connection

from canvas.live.events import APPLICATION_NAME, publish
from networks.models import Membership
from tests.conftest import session_cookie


class Events:
    """Read server-sent events from a streaming httpx response."""

    def __init__(self, response):
        self.lines = response.iter_lines()

    def next(self, name=None):
        """Return the next event (called `name`, if given) as a dict of its fields.

        Return None when the stream ends.
        """
        fields = {}
        for line in self.lines:
            if line and not line.startswith(":"):
                key, _, value = line.partition(": ")
                fields[key] = value
            elif not line:
                if "event" in fields and name in (None, fields["event"]):
                    return fields
                fields = {}
        return None


@pytest.fixture
def stream_url(asgi_server, network):
    return f"{asgi_server}/n/{network.slug}/live/"


def open_stream(url, user=None, **kwargs):
    cookies = session_cookie(user) if user else {}
    return httpx.stream("GET", url, cookies=cookies, timeout=5, **kwargs)


def test_a_member_gets_an_event_stream(stream_url, bob):
    with open_stream(stream_url, bob) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        events = Events(response)
        assert events.next()["event"] == "hello"
        assert "Bob" in events.next("presence")["data"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs the connection pool")
def test_open_streams_hold_no_database_connection(stream_url, network, bob):
    def connections_in_use():
        stats = connection.pool.get_stats()  # the server runs in this process
        return stats["pool_size"] - stats["pool_available"]

    cookies = session_cookie(bob)
    before = connections_in_use()
    with ExitStack() as stack:
        for _ in range(6):  # more than the pool's connections
            response = stack.enter_context(
                httpx.stream("GET", stream_url, cookies=cookies, timeout=5)
            )
            Events(response).next("hello")
        assert connections_in_use() == before


def test_a_stranger_gets_a_404_and_no_stream(stream_url, charlie):
    with open_stream(stream_url, charlie) as response:
        assert response.status_code == 404
        assert "text/event-stream" not in response.headers["content-type"]


def test_someone_signed_out_is_sent_to_sign_in(stream_url, network):
    with open_stream(stream_url) as response:
        assert response.status_code == 302
        assert "/account/inloggen/" in response.headers["location"]


def test_changes_reach_the_open_streams(stream_url, network, alice, bob):
    with open_stream(stream_url, alice) as at_alice, open_stream(stream_url, bob) as at_bob:
        alice_events, bob_events = Events(at_alice), Events(at_bob)
        alice_events.next("hello"), bob_events.next("hello")
        publish(network.pk, "changed", {"keys": ["note-1"]})
        for events in (alice_events, bob_events):
            event = events.next("changed")
            assert json.loads(event["data"]) == {"keys": ["note-1"]}
            assert int(event["id"]) > 0


def test_a_browser_that_reconnects_gets_what_it_missed(stream_url, network, bob):
    with open_stream(stream_url, bob) as response:
        hello = Events(response).next("hello")
    publish(network.pk, "changed", {"keys": ["note-2"]})
    headers = {"Last-Event-ID": hello["id"]}
    with open_stream(stream_url, bob, headers=headers) as response:
        assert json.loads(Events(response).next("changed")["data"]) == {"keys": ["note-2"]}
    # htmx opens a new EventSource after an error: live.js passes the id as ?last=.
    with open_stream(stream_url + f"?last={hello['id']}", bob) as response:
        assert json.loads(Events(response).next("changed")["data"]) == {"keys": ["note-2"]}


def test_a_removed_member_stops_receiving_at_once(stream_url, network, alice, bob):
    with open_stream(stream_url, bob) as at_bob, open_stream(stream_url, alice) as at_alice:
        bob_events, alice_events = Events(at_bob), Events(at_alice)
        bob_events.next("hello"), alice_events.next("hello")
        Membership.objects.filter(user=bob).delete()
        publish(network.pk, "changed", {"keys": ["note-3"]})
        assert bob_events.next("removed")
        assert bob_events.next() is None  # the stream ended: no note-3 for bob
        # Alice gets the change, and Bob leaves her list of who is here (in either order).
        latest = {}
        while "changed" not in latest or "Bob" in latest["presence"]["data"]:
            event = alice_events.next()
            latest[event["event"]] = event
        assert json.loads(latest["changed"]["data"]) == {"keys": ["note-3"]}
    with open_stream(stream_url, bob) as response:
        assert response.status_code == 404


@pytest.fixture
def guest(network, alice):
    """Gijs, a guest who joined through a join link valid for a day."""
    from networks.models import JoinLink, User

    link = JoinLink.create_for(network, alice, timedelta(days=1))
    gijs = User.objects.create_guest("Gijs")
    link.admit(gijs)
    return gijs


def test_a_guest_whose_link_is_revoked_stops_receiving_at_once(stream_url, network, guest):
    with open_stream(stream_url, guest) as response:
        events = Events(response)
        events.next("hello")
        Membership.objects.get(user=guest).join_link.revoke()
        publish(network.pk, "changed", {"keys": ["note-3"]})
        assert events.next("removed")
        assert events.next() is None  # the stream ended: no note-3 for the guest
    with open_stream(stream_url, guest) as response:
        assert response.status_code == 403  # the board says why: the link is no longer valid


def test_a_guest_whose_link_expires_stops_receiving_when_it_does(stream_url, network, guest):
    from django.utils import timezone

    link = Membership.objects.get(user=guest).join_link
    link.expires_at = timezone.now() + timedelta(seconds=2)
    link.save(update_fields=["expires_at"])
    with open_stream(stream_url, guest) as response:
        events = Events(response)
        events.next("hello")
        assert events.next("removed")  # within seconds (the read times out after 5 s)
        assert events.next() is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the broker listens on PostgreSQL")
def test_after_losing_the_database_the_streams_resync_and_receive_again(stream_url, network, bob):
    """A database outage drops the broker's LISTEN connection: once it reconnects, every
    stream is told to reload (events may have been lost) and then gets events again."""
    with open_stream(stream_url, bob) as response:
        events = Events(response)
        events.next("hello")
        with connection.cursor() as cursor:  # what a restart of PostgreSQL does to them
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                [APPLICATION_NAME],
            )
            assert cursor.fetchone() is not None, "the broker's listener was not found"
        assert events.next("resync")
        publish(network.pk, "changed", {"keys": ["note-4"]})
        assert json.loads(events.next("changed")["data"]) == {"keys": ["note-4"]}
