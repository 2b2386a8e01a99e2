"""Benchmark: the overlap views for 50 networks and 800 actors, each actor in 1–14 networks.

`measure(stdout)` builds that installation inside a transaction it rolls back, times the
views through the test client (server time, no network) and reports p50/p95 and the
number of queries. The goal (issue 8): the overview in at most 300 ms, in a constant
number of queries.
"""

import random
import statistics
import time

from django.conf import settings
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from networks.models import Actor, Membership, Network, NetworkActor, User

NETWORKS = 50
ACTORS = 800
MOST_NETWORKS = 14
RUNS = 20
BUDGET_MS = 300
KINDS = ("schoolbestuur", "school", "lerarenopleiding", "gemeente", "mbo", "bedrijf")
ROLES = tuple(NetworkActor.Role.values)


def build(networks=NETWORKS, actors=ACTORS, most=MOST_NETWORKS, seed=8, prefix="bench"):
    """Create networks and actors (each in 1..most networks); return a coordinator of all."""
    rng = random.Random(seed)
    created = Network.objects.bulk_create(
        Network(name=f"Netwerk {prefix} {i + 1:02}", slug=f"{prefix}-netwerk-{i + 1:02}")
        for i in range(networks)
    )
    organisations = Actor.objects.bulk_create(
        Actor(name=f"Organisatie {prefix} {i + 1:03}", kind=rng.choice(KINDS))
        for i in range(actors)
    )
    NetworkActor.objects.bulk_create(
        (
            NetworkActor(network=network, actor=actor, key=f"a{actor.pk}", role=rng.choice(ROLES))
            for actor in organisations
            for network in rng.sample(created, rng.randint(1, min(most, networks)))
        ),
        batch_size=1000,
    )
    user = User.objects.create_user(f"{prefix}-coordinator@example.org", None, name="Coördinator")
    Membership.objects.bulk_create(
        Membership(network=network, user=user, role=Membership.Role.COORDINATOR)
        for network in created
    )
    return user


def _time(client, url, runs):
    client.get(url, secure=True)  # warm up templates and caches
    timings, cpu = [], []
    for _run in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - start) * 1000)
        # CPU time of this thread: what the page costs, whatever else the machine runs.
        cpu.append((time.thread_time() - start_cpu) * 1000)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    timings.sort()
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, round(0.95 * len(timings)) - 1)],
        "cpu_p50": statistics.median(cpu),
        "queries": len(queries),
    }


def measure(stdout, runs=RUNS):
    """Build the installation, time the overlap pages, report, and roll everything back."""
    results = {}
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts), transaction.atomic():
        user = build()
        client = Client()
        client.force_login(user)
        network = Network.objects.filter(slug__startswith="bench-").order_by("slug").first()
        pages = {
            "overzicht /overlap/": "/overlap/",
            "één netwerk /n/…/overlap/": f"/n/{network.slug}/overlap/",
        }
        for label, url in pages.items():
            figures = _time(client, url, runs)
            results[url] = figures
            stdout.write(
                f"overlap {label}: {NETWORKS} netwerken, {ACTORS} actoren, {runs} keer: "
                f"p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms "
                f"(CPU p50 {figures['cpu_p50']:.0f} ms), {figures['queries']} queries "
                f"(doel ≤ {BUDGET_MS} ms)\n"
            )
        transaction.set_rollback(True)
    return results
