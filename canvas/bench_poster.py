"""Benchmark of the posters: the A1 poster of a 400-note network, cold and cached.

`measure(stdout)` builds the benchmark network (400 notes, 60 actors, 30 ambitions and
30 coalitions, like the board's benchmark) through `import_network`, renders its A1
poster without the cache, then asks for it again through the cache, and prints the
figures. Goals: at most 4 s cold, at most 50 ms for the repeat request.
"""

import random
import statistics
import time

from django.core.cache import caches

from canvas.prompts import NOTE_BLOCKS

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
    """Print (and return) the timings of the A1 poster of the benchmark network.

    Cold: the whole render, without the cache. Repeat: a member's request for the poster
    of the unchanged canvas, through the view (export, hash, cache read, response).
    """
    from django.test import Client

    from canvas import poster
    from canvas.interchange import export_network, import_network
    from networks.models import Membership, User

    network = import_network(dense_document())
    user = User.objects.create_user(f"bench-{network.slug}@example.org", name="Bench")
    Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
    document = export_network(network)

    cold, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        fitted = poster.fit_poster(document, "A1")
        pdf = fitted.pdf()
        cold.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    pages = 1 + (len(fitted.continuation.pages) if fitted.continuation else 0)
    stdout.write(
        f"poster A1, 400 notes, rendered: median {statistics.median(cold):.2f} s, "
        f"max {max(cold):.2f} s over {runs} runs (CPU {statistics.median(cpu):.2f} s; "
        f"{fitted.passes} layout pass(es), "
        f"{len(pdf) // 1024} kB, {pages} page(s)) — goal ≤ 4 s\n"
    )

    client = Client()
    client.force_login(user)
    url = f"/n/{network.slug}/poster.pdf?formaat=A1"
    caches[poster.CACHE_ALIAS].clear()
    start = time.perf_counter()
    first = client.get(url)
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
        f"poster A1, first request (renders): {first_request:.2f} s; repeat requests for the "
        f"unchanged canvas: median {statistics.median(repeat) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms over {repeats} — goal ≤ 50 ms\n"
    )
    return {"cold": cold, "cpu": cpu, "first_request": first_request, "repeat": repeat}
