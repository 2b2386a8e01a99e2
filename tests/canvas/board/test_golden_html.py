"""The board's markup, pinned: every fragment, for every audience, against golden files.

The board's parts moved from Python f-strings to templates; these files hold what the
board rendered before, so any difference in markup shows as a failing test. Whitespace
between tags is not markup and is ignored. After a deliberate change of markup, write the
files anew with `GOLDEN_UPDATE=1 uv run pytest tests/canvas/board/test_golden_html.py`
and read the diff.
"""

import difflib
import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from canvas.board.render import (
    AUDIENCES,
    band_parts,
    note_parts,
    prompt_parts,
    workshop_parts,
)
from canvas.identity.models import IdentityMap
from canvas.live.events import RENDERERS, Event
from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote, Workshop
from coalitions.models import Ambition, Coalition, CoalitionRole, Commitment

GOLDEN = Path(__file__).parent / "golden"
MARKUP = '<b class="x">"Wij" & \'zij\'</b><script>alert(1)</script>'


def build_world(network, alice, bob, cora, text=MARKUP):
    """A network in the middle of a workshop: silent writing, a hidden and an anonymous
    note, rules of both statuses, an open vote with dots, commitments and a coalition with
    a trekker, a member and someone kept informed. `text` goes into every field a user
    writes."""
    workshop = Workshop.start(network, alice, f"Workshop {text}")
    workshop.go_to("identity", "passion")
    Note.add(network, PROMPTS["passion"], f"Zichtbaar {text}", bob)
    Note.add(network, PROMPTS["passion"], f"Verborgen {text}", bob, hidden=True)
    anonymous = Note.add(network, PROMPTS["passion"], f"Anoniem {text}", cora, hidden=True)
    Note.objects.filter(pk=anonymous.pk).update(hidden=False, anonymous=True)
    Note.add(network, PROMPTS["decisions"], f"Regel {text}", bob)
    vote = Vote.objects.create(
        workshop=workshop, target=Vote.Target.PROMPT, prompt="passion", hide_results=False
    )
    first = Note.objects.revealed().filter(network=network, prompt="passion").first()
    vote.place(bob, first)
    vote.place(alice, first)
    ambition = Ambition.objects.create(
        network=network, title=f"Ambitie {text}", description=f"Uitleg {text}", created_by=bob
    )
    Commitment.objects.create(ambition=ambition, user=bob, level="meebepalen")
    Commitment.objects.create(ambition=ambition, user=cora, level="weten")
    coalition = Coalition.objects.create(
        network=network,
        ambition=ambition,
        name=f"Coalitie {text}",
        target_group=f"Doelgroep {text}",
        next_step=f"Stap {text}",
    )
    coalition.members.create(user=bob, role=CoalitionRole.LEAD)
    coalition.members.create(user=alice, role=CoalitionRole.MEMBER)
    coalition.members.create(user=cora, role=CoalitionRole.INFORMED)
    bob.name = f"Bob {text}"
    bob.save()
    return workshop


def normalise(html):
    """Return markup without the whitespace between tags and with tokens blanked."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken"', html)
    html = re.sub(r'data-live-position="\d+"', 'data-live-position=""', html)
    html = re.sub(r' nonce="[^"]+"', "", html)
    html = re.sub(r'"x-csrftoken": "[^"]+"', '"x-csrftoken": ""', html)
    html = re.sub(r"\b[A-Z0-9]{3}-[A-Z0-9]{3}\b", "XXX-XXX", html)
    html = re.sub(r"Code( [A-Z0-9]){3} -( [A-Z0-9]){3}", "Code X X X - X X X", html)  # spelled
    html = re.sub(r'd="M[^"]*"', 'd=""', html)  # the join code's QR
    html = re.sub(r"/\d+/", "/N/", html)  # a row's id in any path
    # Every number in an attribute that names rows (not only the first: "commit-5-title
    # ambition-5-title"): ids differ by database, and on PostgreSQL with what ran before.
    attributes = "id|for|href|aria-describedby|aria-labelledby|hx-target|value|data-[a-z-]+"
    ids = rf'\b({attributes})="([^"]*)"'
    html = re.sub(ids, lambda m: f'{m[1]}="' + re.sub(r"\d+", "N", m[2]) + '"', html)
    html = html.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")  # Jinja2's, Django's
    html = re.sub(r"\s+", " ", html)
    return re.sub(r">\s+<", "><", html).strip()


def pages(network, alice, bob, cora):
    """Return {name: (user, url)} of every page and fragment the golden files pin."""
    slug = network.slug
    ambition = Ambition.objects.get(network=network, title__startswith="Ambitie")
    note = Note.objects.filter(network=network, prompt="passion", hidden=False).first()
    fragments = {
        "prompt": reverse("canvas:prompt", args=[slug, "passion"]),
        "rules": reverse("canvas:prompt", args=[slug, "decisions"]),
        "band": reverse("coalitions:band", args=[slug]),
        "commitments": reverse("coalitions:commit", args=[slug, ambition.pk]),
        "note": reverse("canvas:note", args=[slug, note.pk]),
    }
    found = {}
    for who, user in (("alice", alice), ("bob", bob), ("cora", cora)):
        found[f"board-{who}"] = (user, reverse("networks:detail", args=[slug]))
        for name, url in fragments.items():
            found[f"{name}-{who}"] = (user, url)
    found["projector"] = (alice, reverse("canvas:present", args=[slug]))
    for name in ("prompt", "band", "commitments"):
        found[f"{name}-projector"] = (alice, fragments[name] + "?projector=1")
    return found


@pytest.fixture
def world(network, alice, bob, cora):
    build_world(network, alice, bob, cora)
    return pages(network, alice, bob, cora)


def test_every_fragment_matches_its_golden_file(world):
    GOLDEN.mkdir(exist_ok=True)
    failures = []
    for name, (user, url) in sorted(world.items()):
        client = Client()
        client.force_login(user)
        headers = {} if name.startswith(("board", "projector")) else {"HX-Request": "true"}
        response = client.get(url, headers=headers)
        assert response.status_code == 200, (name, response.status_code)
        _compare(name, normalise(response.content.decode()), failures)
    _assert_none(failures)


def _difference(name, path, html):
    """Return the name and the first lines that differ, so a CI log shows the cause."""
    golden = path.read_text(encoding="utf-8").splitlines()
    found = html.replace("><", ">\n<").splitlines()
    lines = difflib.unified_diff(golden, found, "golden", "rendered", n=1, lineterm="")
    return f"{name}:\n" + "\n".join(list(lines)[:20])


def _compare(name, html, failures):
    path = GOLDEN / f"{name}.html"
    if os.environ.get("GOLDEN_UPDATE") == "1":
        path.write_text(html.replace("><", ">\n<") + "\n", encoding="utf-8")
    elif path.read_text(encoding="utf-8").replace("\n", "") != html:
        failures.append(_difference(name, path, html))


def _assert_none(failures):
    assert not failures, "markup changed (see this module's docstring):\n" + "\n".join(failures)


def test_every_pushed_part_matches_its_golden_file(network, alice, bob, cora):
    build_world(network, alice, bob, cora)
    failures = []
    parts = prompt_parts(network, "prompt-passion")
    assert set(parts) == {f"{a}:{lang}" for a in AUDIENCES for lang, _ in settings.LANGUAGES}
    for variant, html in sorted(parts.items()):
        _compare(f"pushed-prompt-{variant.replace(':', '-')}", normalise(html), failures)
    # A note changed in place travels alone: its <li> as each audience sees it.
    note = Note.objects.get(network=network, text__startswith="Zichtbaar")
    for variant, html in sorted(note_parts(network, f"note-{note.pk}").items()):
        if variant.endswith(":nl"):
            _compare(f"pushed-note-{variant.replace(':', '-')}", normalise(html), failures)
    # The band, as those who wrote none of it and are in none of its coalitions see it.
    for variant, html in sorted(band_parts(network, "band").items()):
        if variant.endswith(":nl"):
            _compare(f"pushed-band-{variant.replace(':', '-')}", normalise(html), failures)
    # The bar and the step card: alike for all who see them (no projector's variant).
    for variant in ("members:nl", "members:en"):
        html = workshop_parts(network, "workshop")[variant]
        _compare(f"pushed-workshop-{variant.replace(':', '-')}", normalise(html), failures)
    _assert_none(failures)


def test_no_user_text_reaches_a_page_part_or_event_unescaped(network, alice, bob, cora):
    """Markup in every field a user writes (notes, rules, ambitions, coalitions, names,
    the workshop's title) comes out as text in every page, fragment and pushed part."""
    build_world(network, alice, bob, cora)
    rendered = []
    for name, (user, url) in pages(network, alice, bob, cora).items():
        client = Client()
        client.force_login(user)
        headers = {} if name.startswith(("board", "projector")) else {"HX-Request": "true"}
        rendered.append((name, client.get(url, headers=headers).content.decode()))
    ambition = Ambition.objects.get(network=network, title__startswith="Ambitie")
    coalition = Coalition.objects.get(network=network, name__startswith="Coalitie")
    note = Note.objects.get(network=network, text__startswith="Zichtbaar")
    pushed = ("prompt-passion", "prompt-decisions", f"note-{note.pk}", f"commitments-{ambition.pk}")
    keys = (*pushed, f"coalition-{coalition.pk}", "band", "workshop", "vote-progress")
    keys += ("identity-map",)
    identity_map = IdentityMap.for_workshop(Workshop.objects.get(network=network))
    identity_map.place(bob, "passie", "<i>Wij</i>", 40, 60)  # a word: short
    assert {key.split("-", 1)[0] + "-" for key in keys} == set(RENDERERS)
    for key in keys:
        renderer = RENDERERS[key.split("-", 1)[0] + "-"]  # each of RENDERERS
        for variant, html in (renderer(network, key) or {}).items():
            rendered.append((f"{key} {variant}", html))
            data = {"keys": [key], "parts": {key: {variant: html}}}
            event = Event(1, network.pk, "changed", data)
            rendered.append((f"event {variant}", event.encode(variant).decode()))
    assert all("&lt;i&gt;Wij" in html for name, html in rendered if name.startswith("identity"))
    for name, html in rendered:
        assert "<i>Wij" not in html, name
        assert "<script>alert" not in html, name
        assert '<b class="x">' not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "Anoniem" not in html, name


def test_a_pushed_part_holds_nobodys_hidden_notes_dots_or_token(network, alice, bob, cora):
    build_world(network, alice, bob, cora)
    for variant, html in prompt_parts(network, "prompt-passion").items():
        assert "Verborgen" not in html.split("hidden-count")[0], variant  # the hidden note
        assert "csrfmiddlewaretoken" not in html, variant
        assert "●" not in html, variant  # nobody's own dots
        assert "Bob" not in html or "note-author" in html, variant
    members = prompt_parts(network, "prompt-passion")["members:nl"]
    assert ' mine"' not in members and "note mine" not in members  # no one's notes marked
    hidden = Note.objects.get(network=network, hidden=True)
    assert note_parts(network, f"note-{hidden.pk}") is None  # its author's tabs fetch it
