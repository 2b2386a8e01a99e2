"""The board benchmark behind `uv run manage.py bench`: a large network and its timings.

Builds a network of 400 notes, 60 actors, 30 ambitions and 30 coalitions through the
import (on the configured database), times requests through Django's test client (the
server's own time: middleware, view, queries, template) and removes the network again.
Each measurement is one entry of MEASUREMENTS, so later work (posters, overlap) adds
its own figures by adding an entry.
"""

import cProfile
import pstats
import time
import uuid
from dataclasses import dataclass
from unittest.mock import patch

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from canvas.prompts import NOTE_BLOCKS
from canvas.records.interchange import FORMAT
from networks.models import ActorRole

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
    """Adding a note while a workshop room watches: facilitators, members and the projector,
    in Dutch, so each note is rendered for them as it is pushed (on any database; without
    this a PostgreSQL broker that does not listen renders every variant, SQLite none). The
    notes it adds go again, so the next measurements see the same 400."""
    from canvas.live.events import broker
    from canvas.models import Note

    url = reverse("canvas:add_note", args=[network.slug, "passion"])
    room = {"facilitators:nl", "members:nl", "projector:nl"}

    def add():
        return client.post(url, {"text": "Nog een notitie"}, headers={"HX-Request": "true"})

    try:
        with patch.object(broker, "audiences", lambda network_id: set(room)):
            figure = Figure("add note (htmx)", *_time(client, n, add), target_p95_ms=30)
    finally:
        Note.all_objects.filter(network=network, text="Nog een notitie").delete()
    return figure


def measure_overlap(client, network, n):
    """The overlap overview of 50 networks and 800 actors, on data of its own (rolled back)."""
    from canvas.tools.bench_overlap import BUDGET_MS, time_pages

    times, cpu_times, queries = time_pages(n)["overzicht /overlap/"]
    return Figure("overlap (50 netw.)", times, cpu_times, queries, None, BUDGET_MS)


def measure_board_in_workshop(client, network, n):
    """The board while a workshop runs: step, timer, an open vote on one prompt's notes."""
    from canvas.workshops.models import Vote, Workshop

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
