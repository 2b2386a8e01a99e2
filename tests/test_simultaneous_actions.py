"""Simultaneous actions against a real server on a real database: no 500, nothing half done.

The review found SQLite, the default database, answering 500 "database is locked" when
five people placed a dot at once, five said "Ik doe mee" at once, or eight guests joined
with one code at once (leaving guests signed in who were no members). pytest-django's
test database (in memory on SQLite) cannot show this, so the test makes a database of
its own (a file on SQLite; a fresh database on PostgreSQL when DATABASE_URL names one),
migrates it, serves the app with uvicorn in a process of its own, as in production,
and sends the requests from threads that start together.
"""

import json
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from django.conf import settings

ROOT = settings.BASE_DIR
ROUNDS = 3  # each burst happens this often: one lucky round proves little
CSRF = "c" * 32  # the CSRF cookie's secret; the header may carry it unmasked

SEED = """
import json
from datetime import timedelta
from django.test import Client
from canvas.records.interchange import EXAMPLE_PATH, import_network
from canvas.models import Note
from canvas.workshops.models import Vote, Workshop
from networks.models import JoinLink, Membership, User

network = import_network(json.loads(EXAMPLE_PATH.read_text(encoding="utf-8")))
people = []
for n in range(5):
    user = User.objects.create_user(f"p{n}@example.org", "s3cret-pass!", name=f"P{n}")
    role = Membership.Role.FACILITATOR if n == 0 else Membership.Role.MEMBER
    Membership.objects.create(network=network, user=user, role=role)
    people.append(user)
workshop = Workshop.start(network, people[0], "Samen")
Vote.objects.create(workshop=workshop, target="prompt", prompt="passion",
                    dots_per_person=20, max_per_item=20, hide_results=False)
link = JoinLink.create_for(network, people[0], timedelta(hours=4))
cookies = []
for user in people:
    client = Client()
    client.force_login(user)
    cookies.append(client.cookies["sessionid"].value)
print(json.dumps({
    "slug": network.slug,
    "token": link.token,
    "notes": list(Note.objects.alive().filter(network=network, prompt="passion")
                  .values_list("pk", flat=True)),
    "coalitions": list(network.coalitions.values_list("pk", flat=True)),
    "ambitions": list(network.ambitions.values_list("pk", flat=True)),
    "sessions": cookies,
}))
"""

CHECK = """
import json
from canvas.workshops.models import Dot
from coalitions.models import CoalitionMember, Commitment
from networks.models import Membership, User

print(json.dumps({
    "dots": sum(Dot.objects.values_list("count", flat=True)),
    "coalition_members": CoalitionMember.objects.filter(role="lid").count(),
    "commitments": Commitment.objects.filter(level="meedoen").count(),
    "guests": User.objects.filter(is_guest=True).count(),
    "guests_without_network": User.objects.filter(is_guest=True, memberships=None).count(),
}))
"""


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database_url(tmp_path):
    """Return the URL of a fresh database of this test's own; drop it afterwards."""
    configured = os.environ.get("DATABASE_URL", "")
    if not configured.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'db.sqlite3'}"
        return
    import psycopg

    name = f"canvas_simultaneous_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(configured)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield urlunsplit(parts._replace(path=f"/{name}"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _environment(database_url):
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "true",
        "ALLOWED_HOSTS": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }


def _manage(env, *args, timeout=120):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture
def server(database_url, tmp_path):
    """Migrate and seed the database, serve it with uvicorn; return (url, seed, env)."""
    env = _environment(database_url)
    log = (tmp_path / "uvicorn.log").open("w")  # a pipe nobody reads would fill and block
    _manage(env, "migrate", "--no-input", timeout=300)
    seed = json.loads(_manage(env, "shell", "-c", SEED).strip().splitlines()[-1])
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "canvas.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--timeout-graceful-shutdown",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/", timeout=1)
            break
        except httpx.HTTPError:
            assert process.poll() is None, (tmp_path / "uvicorn.log").read_text()[-3000:]
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("uvicorn did not start")
    yield url, seed, env
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(5)
    log.close()


def _burst(requests):
    """POST the requests, (client, path, data), from threads at once; return the statuses."""
    barrier = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def run(i, client, path, data):
        barrier.wait(10)
        try:
            statuses[i] = client.post(path, data=data).status_code
        except httpx.HTTPError as error:
            statuses[i] = repr(error)

    threads = [threading.Thread(target=run, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return statuses


def _client(url, session=None):
    cookies = {"csrftoken": CSRF}
    if session:
        cookies["sessionid"] = session
    return httpx.Client(
        base_url=url,
        cookies=cookies,
        headers={"X-CSRFToken": CSRF, "HX-Request": "true"},
        timeout=30,
    )


def test_simultaneous_dots_commitments_and_guests_never_fail(server):
    url, seed, env = server
    members = [_client(url, session) for session in seed["sessions"]]
    slug, note = seed["slug"], seed["notes"][0]
    failures = {}

    for round_ in range(ROUNDS):
        dots = _burst([(c, f"/n/{slug}/workshop/stip/", {"item": note}) for c in members])
        coalition = seed["coalitions"][round_ % len(seed["coalitions"])]
        path = f"/n/{slug}/coalities/{coalition}/meedoen/"
        takes_part = _burst([(c, path, {"choice": "lid"}) for c in members])
        ambition = seed["ambitions"][round_ % len(seed["ambitions"])]
        path = f"/n/{slug}/ambities/{ambition}/betrokkenheid/"
        commits = _burst([(c, path, {"level": "meedoen"}) for c in members])
        path = f"/doe-mee/{seed['token']}/"
        guests = _burst(
            [
                (_client(url), path, {"guest": "1", "guest-name": f"Gast {round_}-{n}"})
                for n in range(8)
            ]
        )
        for name, statuses, ok in (
            ("dots", dots, 200),
            ("ik doe mee", takes_part, 200),
            ("meedoen", commits, 200),
            ("guests", guests, 302),
        ):
            failed = [s for s in statuses if s != ok]
            if failed:
                failures.setdefault(name, []).append(failed)

    state = json.loads(_manage(env, "shell", "-c", CHECK).strip().splitlines()[-1])
    assert failures == {}, f"failed requests per burst: {failures}; state {state}"
    # Nothing half done: every request that succeeded left its whole change, no more.
    coalitions = min(ROUNDS, len(seed["coalitions"]))
    ambitions = min(ROUNDS, len(seed["ambitions"]))
    assert state == {
        "dots": 5 * ROUNDS,
        "coalition_members": 5 * coalitions,
        "commitments": 5 * ambitions,
        "guests": 8 * ROUNDS,
        "guests_without_network": 0,
    }


FORMED = """
import json
from coalitions.models import Coalition

ambition = {ambition}
formed = Coalition.objects.filter(formed_from_id=ambition)
print(json.dumps({{
    "formed": formed.count(),
    "members": [c.members.count() for c in formed],
    "named_like_it": Coalition.objects.filter(name__startswith=formed.first().name).count(),
}}))
"""


def test_coalitie_vormen_pressed_at_once_forms_one_coalition(server):
    """A facilitator's double click (or two facilitators at once) forms one coalition."""
    url, seed, env = server
    members = [_client(url, session) for session in seed["sessions"]]
    slug, ambition = seed["slug"], seed["ambitions"][0]
    commits = _burst(
        [
            (c, f"/n/{slug}/ambities/{ambition}/betrokkenheid/", {"level": "meedoen"})
            for c in members
        ]
    )
    assert commits == [200] * len(members)
    facilitator = seed["sessions"][0]
    path = f"/n/{slug}/ambities/{ambition}/coalitie-vormen/"
    presses = _burst([(_client(url, facilitator), path, {}) for _ in range(4)])
    assert presses == [200] * 4
    check = FORMED.format(ambition=ambition)
    state = json.loads(_manage(env, "shell", "-c", check).strip().splitlines()[-1])
    assert state == {"formed": 1, "members": [len(members)], "named_like_it": 1}
