"""Benchmark of the posters: the A1 poster of a 400-note network, cold and cached.

`measure(stdout)` imports the board benchmark's network (400 notes, 60 actors, 30
ambitions and 30 coalitions: `manage.py bench`'s `large_document`), renders its A1 poster
without the cache, then asks for it again through the view and the cache, prints the
figures and removes the network. Goals: at most 4 s cold, at most 50 ms for the repeat.

`dense_document` is a busier canvas (longer notes, emoji, Dutch diacritics) for the
tests and for looking at a crowded poster.
"""

import os
import random
import statistics
import time

from django.test import Client, override_settings

from canvas.prompts import NOTE_BLOCKS
from canvas.records import poster
from canvas.records.interchange import export_network, import_network
from canvas.tools.bench import large_document
from networks.models import Actor, Membership, Network, User

WORDS = (
    "leraren",
    "opleiden",
    "samen",
    "regio",
    "school",
    "bestuur",
    "kansen",
    "kinderen",
    "onderwijs",
    "zij-instromers",
    "starters",
    "begeleiding",
    "netwerk",
    "vertrouwen",
    "eigenaarschap",
    "gemeente",
    "stage",
    "werkplek",
    "kennis",
    "delen",
    "ontwikkelen",
    "verbinden",
    "afspraken",
    "ruimte",
    "tijd",
    "energie",
    "doelen",
    "inzet",
    "teams",
    "praktijk",
    "onderzoek",
    "mbo",
    "hbo",
    "po",
    "vo",
    "techniek",
    "wijk",
    "ouders",
    "jongeren",
    "loopbaan",
    "ambitie",
    "rol",
    "regie",
)
EXTRAS = ("🙂", "🚀", "✅", "“samen”", "’s middags", "één", "ideeën", "coördinatie", "België")


def _sentence(rng, low, high):
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    if rng.random() < 0.25:
        words.insert(rng.randrange(len(words)), rng.choice(EXTRAS))
    return " ".join(words).capitalize()


def dense_document(notes=400, actors=60, ambitions=30, coalitions=30, seed=5):
    """Return a valid `netwerkcanvas/1` document of a large, busy network."""
    rng = random.Random(seed)
    prompts = [(block, prompt) for block in NOTE_BLOCKS for prompt in block.prompts]
    document = {
        "format": "netwerkcanvas/1",
        "network": {"name": "Benchmarknetwerk Groot", "network_type": "lerend netwerk"},
        "actors": [
            {
                "key": f"a{i}",
                "name": f"Organisatie {i} {rng.choice(WORDS)}",
                "kind": rng.choice(["schoolbestuur", "gemeente", "bedrijf", "mbo"]),
                "role": rng.choice(["kernpartner", "deelnemer", "periferie"]),
            }
            for i in range(actors)
        ],
    }
    for block in NOTE_BLOCKS:
        document[block.slug] = {prompt.slug: [] for prompt in block.prompts}
    for i in range(notes):
        block, prompt = prompts[i % len(prompts)] if i < len(prompts) else rng.choice(prompts)
        note = {"text": _sentence(rng, 3, 14)}
        if rng.random() < 0.3:
            note["author"] = f"Deelnemer {rng.randint(1, 40)}"
        if rng.random() < 0.3:
            note["votes"] = rng.randint(1, 9)
        if block.has_status:
            note["status"] = rng.choice(["voorstel", "afgesproken"])
        document[block.slug][prompt.slug].append(note)
    document["ambitions"] = [
        {"key": f"amb{i}", "title": f"Ambitie {i}: {_sentence(rng, 2, 6)}"}
        | ({"description": _sentence(rng, 6, 24)} if rng.random() < 0.7 else {})
        for i in range(ambitions)
    ]
    document["coalitions"] = [
        {
            "name": f"Coalitie {i}: {_sentence(rng, 1, 4)}",
            "work_form": rng.choice(["project", "proces", "evenement", "programma"]),
            "ambition": f"amb{rng.randrange(ambitions)}",
            "target_group": _sentence(rng, 2, 8),
            "core_partners": [f"a{k}" for k in rng.sample(range(actors), rng.randint(1, 5))],
            "status": rng.choice(["idee", "actief", "afgerond"]),
            "next_step": _sentence(rng, 3, 12),
        }
        for i in range(coalitions)
    ]
    return document


def measure(stdout, runs=3, repeats=20):
    """Print (and return) the timings of the A1 poster of the board benchmark's network.

    Cold: the whole render, without the cache. Repeat: a member's request for the poster
    of the unchanged canvas, through the view (fingerprint, cache read, response). The
    network is made for the measurement and removed after it, as `manage.py bench` does.
    """

    document = large_document()
    network = import_network(document)
    user = User.objects.create_user(f"bench-poster-{network.pk}@example.invalid", name="Bench")
    Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
    try:
        exported = export_network(network)
        cold, cpu = [], []
        for _ in range(runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            fitted = poster.fit_poster(exported, "A1")
            pdf = fitted.pdf()
            cold.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
        pages = 1 + (len(fitted.continuation.pages) if fitted.continuation else 0)
        stdout.write(
            f"poster A1, 400 notes, rendered: median {statistics.median(cold):.2f} s, "
            f"max {max(cold):.2f} s over {runs} runs (CPU {statistics.median(cpu):.2f} s; "
            f"{fitted.passes} layout pass(es), {len(pdf) // 1024} kB, {pages} page(s)) "
            "— goal ≤ 4 s\n"
        )

        with override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            client.force_login(user)
            url = f"/n/{network.slug}/poster.pdf?formaat=A1"
            start = time.perf_counter()
            first = client.get(url)  # renders, and fills the cache
            first_request = time.perf_counter() - start
            assert first.status_code == 200, first.status_code
            repeat = []
            for _ in range(repeats):
                start = time.perf_counter()
                response = client.get(url)
                repeat.append(time.perf_counter() - start)
                assert response.content == first.content
        repeat.sort()
        p95 = repeat[max(0, int(len(repeat) * 0.95) - 1)]
        stdout.write(
            f"poster A1, first request (renders): {first_request:.2f} s; repeat requests for "
            f"the unchanged canvas: median {statistics.median(repeat) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms over {repeats} — goal ≤ 50 ms\n"
        )
        stdout.write(f"load of the machine (1/5/15 min): {os.getloadavg()}\n")
    finally:
        Network.objects.filter(pk=network.pk).delete()
        user.delete()
        names = [actor["name"] for actor in document["actors"]]
        Actor.objects.filter(name__in=names, network_actors__isnull=True).delete()
    return {"cold": cold, "cpu": cpu, "first_request": first_request, "repeat": repeat}
