"""Load benchmark of the live board: many participants writing while all watch.

Serves the app with uvicorn (2 processes by default) on PostgreSQL, on 127.0.0.1 only;
connects N participants, each with an open event stream, each adding or editing a note
every few seconds (or only --writers of them: a plenary); then reports errors, writes that
some client never saw, and what a person sees: the time from a write's request until its
change is on every other client's screen. A change's HTML comes with its event; a client
that did not get it (a part no renderer knows) fetches it, as live.js does, and the change
is on screen when that response is in. The same writes are first timed with no one
listening: the write response time under load is reported against that idle figure.

Needs PostgreSQL: DATABASE_URL (a throwaway database: the run adds a network and
participants, and removes them afterwards), or --throwaway to start a temporary
PostgreSQL 15 (as root, like .ci/run). Needs httpx (a development dependency).
"""

import asyncio
import json
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PGBIN = Path("/usr/lib/postgresql/15/bin")
LOADTEST_NETWORK = "Belastingtest"
KINDS = ("adds", "edits")  # of writes


class Command(BaseCommand):
    help = "Benchmark the live board: participants writing notes while all watch."

    def add_arguments(self, parser):
        parser.add_argument("--participants", type=int, default=100)
        parser.add_argument("--interval", type=float, default=10, help="seconds between writes")
        parser.add_argument("--duration", type=float, default=60, help="seconds of writing")
        parser.add_argument("--workers", type=int, default=2, help="uvicorn processes")
        parser.add_argument(
            "--writers", type=int, default=None, help="how many of them write (default: all)"
        )
        parser.add_argument(
            "--idle", type=float, default=20, help="seconds of writing with no one listening"
        )
        parser.add_argument("--throwaway", action="store_true", help="start a temporary PostgreSQL")
        parser.add_argument("--prepare", action="store_true", help=f"(internal) {LOADTEST_NETWORK}")
        parser.add_argument("--cleanup", action="store_true", help="(internal)")

    def handle(self, *args, **options):
        if options["prepare"]:
            self.stdout.write(json.dumps(_prepare(options["participants"])))
            return
        if options["cleanup"]:
            _cleanup()
            return
        if not 1 <= options["participants"] <= 500 or not 0 < options["duration"] <= 600:
            raise CommandError("Bounded: 1–500 participants, at most 600 seconds.")
        writers = options["writers"]
        if writers is None:
            options["writers"] = options["participants"]
        elif not 1 <= writers <= options["participants"]:
            raise CommandError("--writers: 1 up to the number of participants.")
        if not 0 <= options["idle"] <= 120:
            raise CommandError("--idle: 0 to 120 seconds.")
        with self._database(options["throwaway"]) as database_url:
            static_root = tempfile.mkdtemp(prefix="canvas-loadtest-static-")
            env = {**os.environ, **_server_env(database_url), "STATIC_ROOT": static_root}
            manage = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py")]
            subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
            subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], env=env, check=True)
            prepared = subprocess.run(
                [*manage, "loadtest", "--prepare", f"--participants={options['participants']}"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            plan = json.loads(prepared.stdout.strip().splitlines()[-1])
            try:
                with _server(env, options["workers"]) as base:
                    self.stdout.write(
                        f"{options['participants']} participants ({options['writers']} writing), "
                        f"{options['workers']} uvicorn processes on {base}, a write every "
                        f"{options['interval']:g} s each for {options['duration']:g} s…"
                    )
                    report = asyncio.run(_run(base, plan, options))
            finally:
                subprocess.run([*manage, "loadtest", "--cleanup"], env=env, check=True)
                shutil.rmtree(static_root, ignore_errors=True)
        self._report(report)

    @contextmanager
    def _database(self, throwaway):
        url = os.environ.get("DATABASE_URL", "")
        if not throwaway:
            if not url.startswith(("postgres://", "postgresql://")):
                raise CommandError("Set DATABASE_URL to a throwaway PostgreSQL, or --throwaway.")
            yield url
            return
        if not (PGBIN / "initdb").exists() or os.geteuid() != 0:
            raise CommandError(f"--throwaway needs root and PostgreSQL 15 in {PGBIN}.")
        folder = Path(tempfile.mkdtemp(prefix="canvas-loadtest-"))
        folder.chmod(0o755)
        port = _free_port()
        as_postgres = ["runuser", "-u", "postgres", "--"]
        for sub in ("data", "run"):
            subprocess.run(
                ["install", "-d", "-o", "postgres", "-g", "postgres", str(folder / sub)],
                check=True,
            )
        subprocess.run(
            [*as_postgres, str(PGBIN / "initdb"), "-D", str(folder / "data"), "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            check=True,
            capture_output=True,
        )
        options = f"-p {port} -k {folder / 'run'} -c listen_addresses=127.0.0.1 -c fsync=off"
        pg_ctl = [*as_postgres, str(PGBIN / "pg_ctl"), "-D", str(folder / "data")]
        subprocess.run(
            [*pg_ctl, "-l", str(folder / "run" / "log"), "-w", "-o", options, "start"],
            check=True,
            capture_output=True,
        )
        try:
            import psycopg

            server = f"host=127.0.0.1 port={port} user=postgres"
            with psycopg.connect(server, autocommit=True) as db:
                db.execute("CREATE DATABASE canvas")
            yield f"postgres://postgres@127.0.0.1:{port}/canvas"
        finally:
            subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
            shutil.rmtree(folder, ignore_errors=True)

    def _report(self, report):
        write = self.stdout.write
        write(f"writes: {report['writes']} ({report['adds']} added, {report['edits']} edited)")
        write(f"errors: {len(report['errors'])}")
        for error in report["errors"][:10]:
            write(f"  {error}")
        write(f"writes not seen by every other client: {report['unseen_writes']}")
        write(f"deliveries: {len(report['latencies'])} of {report['expected']} expected")
        early = sum(1 for latency in report["raw_latencies"] if latency <= 0)
        if report["raw_latencies"]:
            share = 100 * early / len(report["raw_latencies"])
            write(f"events that arrived before the write's own response: {share:.0f} %")
        pushed, delivered = report["pushed"], len(report["latencies"])
        write(f"changes whose HTML came with the event: {pushed} of {delivered}")
        for label, values in [
            ("on screen: write request → change shown at each other client", report["on_screen"]),
            ("propagation, write response → event at each other client", report["latencies"]),
            ("write request sent → event at each other client", report["from_request"]),
            ("write response time, no one listening", report["idle_times"]),
            ("write response time, everyone listening", report["response_times"]),
            ("fragment fetch after an event without its HTML", report["fetches"]),
        ]:
            if values:
                p50, p95, top = _percentiles(values)
                write(f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {top:.1f} ms")
        if report["idle_times"] and report["response_times"]:
            loaded, idle = report["response_times"], report["idle_times"]
            ratio = _percentiles(loaded)[1] / _percentiles(idle)[1]
            write(f"write response p95, listening against idle: {ratio:.2f} ×")
        # Adds answer with their prompt's whole list and send it to every board; edits one note.
        for kind in KINDS:
            idle, loaded = report["by_kind"][kind, "idle"], report["by_kind"][kind, "listening"]
            if idle and loaded:
                idle_p95, loaded_p95 = _percentiles(idle)[1], _percentiles(loaded)[1]
                write(f"  {kind}: p95 idle {idle_p95:.1f} ms, listening {loaded_p95:.1f} ms")


def _percentiles(values):
    """Return p50, p95 and the maximum of durations in seconds, in milliseconds."""
    ordered = sorted(values)
    p95 = ordered[round(0.95 * (len(ordered) - 1))]
    return statistics.median(ordered) * 1000, p95 * 1000, ordered[-1] * 1000


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_env(database_url):
    return {
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "EMAIL_HOST": "localhost",
        "LOG_LEVEL": "ERROR",
    }


@contextmanager
def _server(env, workers):
    """Run uvicorn with `workers` processes on a free loopback port; yield its address."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "canvas.asgi:application"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    command += ["--timeout-graceful-shutdown", "3", "--log-level", "warning", "--no-access-log"]
    server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise CommandError("uvicorn did not start.")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def _prepare(count):
    """Create the test network and its participants; return their session cookies."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from canvas.prompts import NOTE_BLOCKS
    from canvas.records.interchange import EXAMPLE_PATH, import_network
    from networks.models import Membership, User

    _cleanup()
    data = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
    data["network"]["name"] = LOADTEST_NETWORK
    network = import_network(data)
    cookies = []
    for n in range(count):
        user = User.objects.create_user(
            f"deelnemer{n}@loadtest.invalid", None, name=f"Deelnemer {n}"
        )
        Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        cookies.append(session.session_key)
    prompts = [prompt.slug for block in NOTE_BLOCKS for prompt in block.prompts]
    return {"slug": network.slug, "prompts": prompts, "sessions": cookies}


def _cleanup():
    from networks.models import Network, User

    Network.objects.filter(name=LOADTEST_NETWORK).delete()
    User.objects.filter(email__endswith="@loadtest.invalid").delete()


class Participant:
    """One person on the board: an open event stream, and a write every interval."""

    def __init__(self, index, base, plan, report):
        import httpx

        csrf = secrets.token_hex(16)  # an unmasked CSRF secret, sent as cookie and header
        self.index, self.base, self.plan, self.report = index, base, plan, report
        self.client = httpx.AsyncClient(
            base_url=base,
            headers={"X-CSRFToken": csrf, "HX-Request": "true"},
            cookies={settings.SESSION_COOKIE_NAME: plan["sessions"][index], "csrftoken": csrf},
            timeout=30,
        )
        self.arrivals = {}  # write tag -> arrival time
        self.shown = {}  # write tag -> when its change was on screen (HTML in, or fetched)
        self.pushed = set()  # write tags whose HTML came with their event
        self.connected = asyncio.Event()
        self.my_note = None

    async def listen(self):
        url = f"/n/{self.plan['slug']}/live/"
        try:
            async with self.client.stream("GET", url, timeout=None) as response:
                if response.status_code != 200:
                    self.report["errors"].append(f"stream {self.index}: {response.status_code}")
                    self.connected.set()
                    return
                fields = {}
                async for line in response.aiter_lines():
                    if line:
                        key, _, value = line.partition(": ")
                        fields[key] = value
                        continue
                    if fields.get("event") == "hello":
                        self.connected.set()
                    elif fields.get("event") == "changed":
                        data = json.loads(fields["data"])
                        tag, now = data.get("change"), time.monotonic()
                        self.arrivals[tag] = now
                        # An add names its prompt; an edit only its note (its <li> travels).
                        keys = [k for k in data["keys"] if k.startswith(("prompt-", "note-"))]
                        if keys and keys[0] in data.get("html", {}):
                            self.shown[tag] = now
                            self.pushed.add(tag)
                        elif keys and keys[0].startswith("prompt-"):
                            asyncio.create_task(self._fetch(tag, keys[0]))
                        # A note without HTML (only its author sees it) is never on screen.
                    fields = {}
        except asyncio.CancelledError:
            pass
        except Exception as error:  # noqa: BLE001 - every failure counts as an error
            self.report["errors"].append(f"stream {self.index}: {error!r}")
            self.connected.set()

    async def _fetch(self, tag, prompt):
        """Fetch a changed prompt the event brought no HTML of, as live.js does."""
        started = time.monotonic()
        url = f"/n/{self.plan['slug']}/vragen/{prompt.removeprefix('prompt-')}/"
        try:
            response = await self.client.get(url)
            if response.status_code != 200:
                self.report["errors"].append(f"fetch {url}: {response.status_code}")
            self.shown[tag] = time.monotonic()
            self.report["fetches"].append(self.shown[tag] - started)
        except Exception as error:  # noqa: BLE001
            self.report["errors"].append(f"fetch {url}: {error!r}")

    async def write(self, seq, into="done"):
        tag = f"w{self.index}-{seq}"
        slug = self.plan["slug"]
        headers = {"X-Live-Change": tag}  # one token per write, as live.js sends
        text = f"Notitie {seq} van deelnemer {self.index}: {secrets.token_hex(6)}"
        started = time.monotonic()
        try:
            # A third adds, staggered by person: the idle phase (two writes each) has the
            # same mix as the run, so its figure compares like with like.
            if self.my_note is None or (seq + self.index) % 3 == 0:
                prompt = random.choice(self.plan["prompts"])
                response = await self.client.post(
                    f"/n/{slug}/vragen/{prompt}/nieuw/", data={"text": text}, headers=headers
                )
                kind = "adds"
                if response.status_code == 200:
                    self.my_note = _newest_note_of(response.text, text) or self.my_note
            else:
                pk, revision = self.my_note
                response = await self.client.post(
                    f"/n/{slug}/notities/{pk}/bewerken/",
                    data={"text": text, "revision": revision},
                    headers=headers,
                )
                kind = "edits"
                if response.status_code == 200:
                    self.my_note = (pk, revision + 1)
            done = time.monotonic()
        except Exception as error:  # noqa: BLE001
            self.report["errors"].append(f"write {tag}: {error!r}")
            return
        if response.status_code != 200:
            self.report["errors"].append(f"write {tag}: {response.status_code}")
            return
        if into != "done":
            if into == "idle":
                self.report["idle_times"].append(done - started)
                self.report["by_kind"][kind, "idle"].append(done - started)
            return
        self.report[kind] += 1
        self.report["response_times"].append(done - started)
        self.report["by_kind"][kind, "listening"].append(done - started)
        self.report["done"].append((tag, self.index, started, done))


def _newest_note_of(html, text):
    """Find the note with `text` in a prompt fragment: (pk, revision 1)."""
    found = re.search(rf'id="note-(\d+)-text">{re.escape(text)}<', html)
    return (int(found[1]), 1) if found else None


async def _run(base, plan, options):
    report = {
        "errors": [],
        "done": [],
        "adds": 0,
        "edits": 0,
        "response_times": [],
        "idle_times": [],
        "fetches": [],
        "by_kind": {(kind, when): [] for kind in KINDS for when in ("idle", "listening")},
    }
    count, interval, duration = options["participants"], options["interval"], options["duration"]
    people = [Participant(i, base, plan, report) for i in range(count)]
    writing = people[: options["writers"]]

    async def writer(person, seconds, into="done"):
        await asyncio.sleep(random.uniform(0, interval))  # spread the writes evenly
        seq, start = (1000 if into == "idle" else 0), time.monotonic()
        while time.monotonic() - start < seconds:
            began = time.monotonic()
            await person.write(seq, into)
            seq += 1
            await asyncio.sleep(max(0, interval - (time.monotonic() - began)))

    # A first write each, untimed: a fresh server compiles templates and opens connections.
    await asyncio.gather(*(person.write(-1, "warm-up") for person in writing))
    # The same writes with no one listening: the idle figure of the write response time.
    if options["idle"]:
        await asyncio.gather(*(writer(person, options["idle"], "idle") for person in writing))
    listeners = [asyncio.create_task(person.listen()) for person in people]
    try:
        await asyncio.wait_for(asyncio.gather(*(p.connected.wait() for p in people)), 60)
    except TimeoutError as error:
        raise CommandError("Not every participant got connected within 60 s.") from error

    await asyncio.gather(*(writer(person, duration) for person in writing))
    await asyncio.sleep(3)  # let the last events arrive
    for listener in listeners:
        listener.cancel()
    await asyncio.gather(*listeners, return_exceptions=True)
    for person in people:
        await person.client.aclose()

    latencies, raw, from_request, on_screen, unseen, expected = [], [], [], [], 0, 0
    pushed = 0
    for tag, writer_index, started, done in report["done"]:
        missing = False
        for person in people:
            if person.index == writer_index:
                continue
            expected += 1
            arrived = person.arrivals.get(tag)
            if arrived is None:
                missing = True
            else:
                # The event leaves at the commit, often before the response: count that as 0.
                latencies.append(max(0.0, arrived - done))
                raw.append(arrived - done)
                from_request.append(arrived - started)
                pushed += tag in person.pushed
                shown = person.shown.get(tag)
                if shown is None:
                    missing = True  # the event came, but its change never made it on screen
                else:
                    on_screen.append(shown - started)
        unseen += missing
    report.update(
        writes=len(report["done"]),
        unseen_writes=unseen,
        latencies=latencies,
        raw_latencies=raw,
        from_request=from_request,
        on_screen=on_screen,
        pushed=pushed,
        expected=expected,
    )
    return report
