"""Benchmark: the overlap views for 50 networks and 800 actors, each actor in 1–14 networks.

`time_pages(runs)` builds that installation inside a transaction it rolls back, and times
the overview and one network's page through the test client (server time, no network):
wall clock, CPU time of the serving thread, and the number of queries. `manage.py bench`
reports the overview next to the board; `measure(stdout)` (pytest -m bench) both pages.
The goal (issue 8): the overview in at most 300 ms, in a constant number of queries.
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
    """Return the wall-clock and CPU seconds of `runs` requests, and the queries of one."""
    client.get(url, secure=True)  # warm up templates and caches
    times, cpu_times = [], []
    for _run in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        response = client.get(url, secure=True)
        times.append(time.perf_counter() - start)
        # CPU time of this thread: what the page costs, whatever else the machine runs.
        cpu_times.append(time.thread_time() - start_cpu)
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        client.get(url, secure=True)
    return times, cpu_times, len(queries)


def time_pages(runs=RUNS):
    """Return {label: (times, cpu_times, queries)} for the overview and one network's page."""
    hosts = [*settings.ALLOWED_HOSTS, "testserver"]
    with override_settings(ALLOWED_HOSTS=hosts), transaction.atomic():
        user = build()
        client = Client()
        client.force_login(user)
        slug = Membership.objects.filter(user=user).order_by("network__slug")[0].network.slug
        results = {
            "overzicht /overlap/": _time(client, "/overlap/", runs),
            "één netwerk /n/…/overlap/": _time(client, f"/n/{slug}/overlap/", runs),
        }
        transaction.set_rollback(True)
    return results


def _ms(seconds, p):
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def measure(stdout, runs=RUNS):
    """Time both pages and report p50/p95 (and CPU p50); return {label: figures in ms}."""
    figures = {}
    for label, (times, cpu_times, queries) in time_pages(runs).items():
        figures[label] = {
            "p50": _ms(times, 50),
            "p95": _ms(times, 95),
            "cpu_p50": statistics.median(cpu_times) * 1000,
            "queries": queries,
        }
        stdout.write(
            f"overlap {label}: {NETWORKS} netwerken, {ACTORS} actoren, {runs} keer: "
            f"p50 {figures[label]['p50']:.0f} ms, p95 {figures[label]['p95']:.0f} ms "
            f"(CPU p50 {figures[label]['cpu_p50']:.0f} ms), {queries} queries "
            f"(doel ≤ {BUDGET_MS} ms)\n"
        )
    return figures
