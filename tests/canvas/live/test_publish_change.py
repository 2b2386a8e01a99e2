"""One helper publishes a board change: `canvas.live.events.publish_change`."""

import re
from pathlib import Path

import pytest

from canvas.live.events import broker, publish_change

ROOT = Path(__file__).resolve().parents[3]
APPS = ("canvas", "coalitions", "networks")


def _sources():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_only_the_events_module_sends_raw_events():
    # Views name the parts that changed; how an event is made is the events module's.
    raw = re.compile(r"\bpublish\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in _sources()
        if path != ROOT / "canvas" / "live" / "events.py" and raw.search(path.read_text())
    ]
    assert offenders == []


def test_no_view_keeps_a_publishing_helper_of_its_own():
    helpers = re.compile(r"^def (_changed|_saved|_follow)\(", re.MULTILINE)
    assert [str(p.relative_to(ROOT)) for p in _sources() if helpers.search(p.read_text())] == []


@pytest.fixture
def sent(monkeypatch):
    events = []
    monkeypatch.setattr(broker, "send", lambda *event: events.append(event))
    return events


@pytest.mark.django_db(transaction=True)
def test_it_names_the_change_of_the_request_that_made_it(network, rf, sent, monkeypatch):
    monkeypatch.setattr(broker, "audiences", lambda network_id: None)  # all of them
    publish_change(network, "replies-1", by=rf.get("/", headers={"X-Live-Change": "c-1"}))
    publish_change(network, "replies-1", by=rf.get("/", headers={"X-Live-Change": "<script>"}))
    publish_change(network, "replies-1", "prompt-passion")
    publish_change(network, everything=True)
    # A prompt's notes travel as HTML, one variant per audience and language; a part no
    # renderer knows (a note's replies) is fetched by the boards that show it.
    parts = sent[2][2].pop("parts")
    assert set(parts) == {"prompt-passion"}
    assert set(parts["prompt-passion"]) == {
        f"{audience}:{language}"
        for audience in ("facilitators", "editors", "members", "projector")
        for language in ("nl", "en")
    }
    assert sent == [
        (network.pk, "changed", {"keys": ["replies-1"], "change": "c-1"}),
        (network.pk, "changed", {"keys": ["replies-1"], "change": ""}),
        (network.pk, "changed", {"keys": ["replies-1", "prompt-passion"], "change": ""}),
        (network.pk, "resync", {}),
    ]


@pytest.mark.django_db(transaction=True)
def test_it_renders_only_for_the_audiences_that_watch(network, sent, monkeypatch):
    publish_change(network, "prompt-passion")  # no one watches: nothing rendered
    monkeypatch.setattr(broker, "audiences", lambda network_id: {"members:en", "facilitators:nl"})
    publish_change(network, "prompt-passion")
    assert "parts" not in sent[0][2]
    assert set(sent[1][2]["parts"]["prompt-passion"]) == {"members:en", "facilitators:nl"}
