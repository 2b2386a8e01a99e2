"""Measure the board's speed on a large network: `uv run manage.py bench`.

Builds a network of 400 notes, 60 actors, 30 ambitions and 30 coalitions through the
import (on the configured database), times requests through Django's test client (the
server's own time: middleware, view, queries, template) and removes the network again.
Each measurement is one entry of MEASUREMENTS, so later work (posters, overlap) adds
its own figures by adding an entry.
"""

import cProfile
import os
import pstats
import time
import uuid
from dataclasses import dataclass

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canvas.garbage import tune_garbage_collection
from canvas.interchange import FORMAT, import_network
from canvas.prompts import NOTE_BLOCKS
from networks.models import Actor, ActorRole, Network, User

BENCH_PREFIX = "Benchmark"
_ROLES = [ActorRole.CORE, ActorRole.PARTICIPANT, ActorRole.PERIPHERY, ""]
_WORK_FORMS = ["evenement", "project", "proces", "alliantie", "initiatief", "programma"]
_STATUSES = ["idee", "actief", "afgerond"]


def large_document(*, notes=400, actors=60, ambitions=30, coalitions=30, name=None):
    """Return a valid `netwerkcanvas/1` document of the given size, spread like real use.

    Notes go round the prompts (rules alternate voorstel/afgesproken, some carry an
    author and votes); a third of the ambitions have no coalition (open invitations).
    """
    run = uuid.uuid4().hex[:6]
    prompts = [(block, prompt) for block in NOTE_BLOCKS for prompt in block.prompts]
    document = {
        "format": FORMAT,
        "network": {"name": name or f"{BENCH_PREFIX}netwerk {run}", "description": "Meting."},
        "actors": [
            {
                "key": f"a{i:03}",
                "name": f"{BENCH_PREFIX}-organisatie {run} {i:03}",
                "kind": "schoolbestuur",
                **({"role": _ROLES[i % 4]} if _ROLES[i % 4] else {}),
            }
            for i in range(actors)
        ],
    }
    for block in NOTE_BLOCKS:
        document[block.slug] = {prompt.slug: [] for prompt in block.prompts}
    for i in range(notes):
        block, prompt = prompts[i % len(prompts)]
        note = {"text": f"Notitie {i}: een gedachte van een deelnemer over {prompt.slug}"}
        if i % 3 == 0:
            note.update(author=f"Deelnemer {i % 17}", votes=i % 5)
        if block.has_status:
            note["status"] = "voorstel" if i % 2 else "afgesproken"
        document[block.slug][prompt.slug].append(note)
    document["ambitions"] = [
        {"key": f"amb{i:02}", "title": f"Ambitie {i:02}", "description": "Waarom dit ertoe doet."}
        for i in range(ambitions)
    ]
    with_coalitions = max(1, ambitions * 2 // 3)
    document["coalitions"] = [
        {
            "name": f"Coalitie {i:02}",
            "work_form": _WORK_FORMS[i % len(_WORK_FORMS)],
            **({"ambition": f"amb{i % with_coalitions:02}"} if ambitions else {}),
            "target_group": "Leraren in opleiding",
            "core_partners": [f"a{(i * 3 + j) % actors:03}" for j in range(4)] if actors else [],
            "status": _STATUSES[i % 3],
            "next_step": "Een eerste bijeenkomst plannen",
        }
        for i in range(coalitions)
    ]
    return document


def _percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


@dataclass
class Figure:
    """Timings of one measurement: wall-clock time, and the CPU time of the serving thread.

    On a busy shared machine the wall clock includes waiting for a core; the CPU time
    is what the request itself costs.
    """

    name: str
    times: list
    cpu_times: list
    queries: int
    calls: int | None = None  # Python function calls of one request (see _calls)
    target_p95_ms: float = 0

    def percentile(self, p):
        return _percentile(self.times, p)

    def cpu_percentile(self, p):
        return _percentile(self.cpu_times, p)

    @property
    def ok(self):
        return self.percentile(95) <= self.target_p95_ms


def _time(client, n, request):
    request()  # warm up: first-use costs (template loading, connections) are not the board
    times, cpu_times = [], []
    for _ in range(n):
        start, cpu_start = time.perf_counter(), time.thread_time()
        response = request()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.thread_time() - cpu_start)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        request()
    return times, cpu_times, len(queries), _calls(request)


def _calls(request):
    """Return the Python function calls of one request: its work, whatever else the machine
    does (the timings on a shared machine vary by half; this count does not)."""
    profile = cProfile.Profile()
    profile.runcall(request)
    return pstats.Stats(profile).total_calls


def measure_board(client, network, n):
    url = reverse("networks:detail", args=[network.slug])
    return Figure("board render", *_time(client, n, lambda: client.get(url)), target_p95_ms=80)


def measure_add_note(client, network, n):
    url = reverse("canvas:add_note", args=[network.slug, "passion"])

    def add():
        return client.post(url, {"text": "Nog een notitie"}, headers={"HX-Request": "true"})

    return Figure("add note (htmx)", *_time(client, n, add), target_p95_ms=30)


def measure_overlap(client, network, n):
    """The overlap overview of 50 networks and 800 actors, on data of its own (rolled back)."""
    from networks.bench_overlap import BUDGET_MS, time_pages

    times, cpu_times, queries = time_pages(n)["overzicht /overlap/"]
    return Figure("overlap (50 netw.)", times, cpu_times, queries, None, BUDGET_MS)


def measure_board_in_workshop(client, network, n):
    """The board while a workshop runs: step, timer, an open vote on one prompt's notes."""
    from canvas.models import Vote, Workshop

    facilitator = network.memberships.get(role="facilitator").user
    workshop = Workshop.start(network, facilitator, "Benchmark-workshop")
    workshop.go_to("identity", "passion")
    workshop.start_timer(10)
    Vote.objects.create(workshop=workshop, target=Vote.Target.PROMPT, prompt="passion")
    url = reverse("networks:detail", args=[network.slug])
    try:
        return Figure(
            "board, workshop", *_time(client, n, lambda: client.get(url)), target_p95_ms=80
        )
    finally:
        workshop.end()


MEASUREMENTS = [measure_board, measure_add_note, measure_board_in_workshop, measure_overlap]


class Command(BaseCommand):
    help = "Time the board and adding a note on a network of 400 notes, 60 actors, 30 coalitions."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Requests per measurement.")
        parser.add_argument("--notes", type=int, default=400)
        parser.add_argument("--actors", type=int, default=60)
        parser.add_argument("--ambitions", type=int, default=30)
        parser.add_argument("--coalitions", type=int, default=30)
        parser.add_argument("--skip-posters", action="store_true", help="Leave out the posters.")

    def handle(
        self, *args, requests, notes, actors, ambitions, coalitions, skip_posters, **options
    ):
        # As the server does once its application is built (canvas/asgi.py).
        tune_garbage_collection()
        call_command("migrate", verbosity=0, interactive=False)
        document = large_document(
            notes=notes, actors=actors, ambitions=ambitions, coalitions=coalitions
        )
        user = User.objects.create_user(
            f"bench-{uuid.uuid4().hex[:8]}@example.invalid", None, name="Bench Facilitator"
        )
        network = import_network(document, facilitator=user)
        self.stdout.write(
            f"Netwerk: {notes} notities, {actors} actoren, {ambitions} ambities, "
            f"{coalitions} coalities; {requests} verzoeken per meting ({connection.vendor})."
        )
        try:
            with override_settings(ALLOWED_HOSTS=["testserver"]):
                client = Client()
                client.force_login(user)
                figures = [measure(client, network, requests) for measure in MEASUREMENTS]
        finally:
            self._clean_up(network, user, document)
        # "min" is the request's cost when nothing else wanted the CPU: on a shared machine
        # it tells the code's speed apart from the queue for a core.
        self.stdout.write(
            f"{'meting':<18}{'min ms':>8}{'p50 ms':>8}{'p95 ms':>8}{'doel p95':>10}"
            f"{'cpu p50':>9}{'cpu p95':>9}{'queries':>9}{'calls':>9}"
        )
        for figure in figures:
            self.stdout.write(
                f"{figure.name:<18}{figure.percentile(0):>8.1f}{figure.percentile(50):>8.1f}"
                f"{figure.percentile(95):>8.1f}{figure.target_p95_ms:>8.0f}"
                f"{'' if figure.ok else ' !':<2}"
                f"{figure.cpu_percentile(50):>9.1f}{figure.cpu_percentile(95):>9.1f}"
                f"{figure.queries:>9}{figure.calls or '-':>9}"
            )
        self.stdout.write(f"Belasting van de machine (1/5/15 min): {os.getloadavg()}")
        if not skip_posters:
            from canvas.bench_poster import measure as measure_posters

            self.stdout.write("")
            measure_posters(self.stdout)

    def _clean_up(self, network, user, document):
        Network.objects.filter(pk=network.pk).delete()
        user.delete()
        names = [actor["name"] for actor in document["actors"]]
        Actor.objects.filter(name__in=names, network_actors__isnull=True).delete()
