"""The fixed cast of the tests, as plain factories.

alice facilitates the example network, cora coordinates it, bob is a member,
charlie is a stranger to it.
"""

import json
import socket
import threading
import time

import pytest
import uvicorn
from django.conf import settings
from django.test import Client

from canvas.records.interchange import EXAMPLE_PATH, import_network
from networks.models import Membership, User


def example_document():
    return json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def make_user(name="Alice", email=None, password="s3cret-pass!", **kwargs):
    email = email or f"{name.lower()}@example.org"
    return User.objects.create_user(email, password, name=name, **kwargs)


@pytest.fixture
def network(db):
    return import_network(example_document())


@pytest.fixture
def alice(network):
    user = make_user("Alice")
    Membership.objects.create(network=network, user=user, role=Membership.Role.FACILITATOR)
    return user


@pytest.fixture
def cora(network):
    user = make_user("Cora")
    Membership.objects.create(network=network, user=user, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def bob(network):
    user = make_user("Bob")
    Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def charlie(db):
    return make_user("Charlie")


@pytest.fixture(autouse=True)
def _posters_in_memory(settings):
    # Rendered posters stay in memory during tests, not in the project's file cache.
    from django.core.cache import caches

    settings.CACHES = {
        **settings.CACHES,
        "posters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    caches["posters"].clear()


# Hashing with PBKDF2 costs ~0.3 s a user; tests need no strong hashes.
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = [FAST_HASHER]


@pytest.fixture
def asgi_server(transactional_db):
    """Serve the app with uvicorn in a thread and return its address.

    pytest-django's live_server is WSGI, where an event stream never sends a byte.
    """
    config = uvicorn.Config(
        "canvas.asgi:application",
        log_level="warning",
        lifespan="off",
        loop="asyncio",
        timeout_graceful_shutdown=1,
    )
    server = uvicorn.Server(config)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    server.should_exit = True
    thread.join(10)
    sock.close()
    # A server left running would answer (and fail) against the next test's database.
    assert not thread.is_alive(), "uvicorn did not stop"


def session_cookie(user):
    """Return {cookie name: value} of a signed-in session for `user`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    return {cookie.key: cookie.value}


def pytest_collection_modifyitems(config, items):
    # Browser tests last: Playwright's sync API keeps an event loop running in the main
    # thread for the rest of the session, which breaks asyncio.run() in later tests.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.fixture
def join_link(network, alice):
    """A valid join link of the example network, made by alice."""
    from datetime import timedelta

    from networks.models import JoinLink

    return JoinLink.create_for(network, alice, timedelta(hours=4))


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttles count failures in the cache: no test inherits another's count.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sent(monkeypatch):
    """Record the events views publish, each with the keys it names (the HTML that travels
    with them is tests/canvas/live/test_push.py's subject)."""
    from canvas.live.events import broker

    events = []
    monkeypatch.setattr(
        broker,
        "send",
        lambda network, name, data: events.append(
            (network, name, {key: value for key, value in data.items() if key != "parts"})
        ),
    )
    return events
