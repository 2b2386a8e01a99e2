"""Restoring or importing a version changes the whole canvas: open boards fetch it all again."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from canvas.live.events import broker
from canvas.records.models import CanvasVersion
from tests.conftest import example_document

# Committed for real, so events leave as they do in production: after the commit.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sent(monkeypatch):
    events = []
    monkeypatch.setattr(broker, "send", lambda *event: events.append(event))
    return events


def test_restoring_tells_open_boards_to_resync(network, alice, client, sent):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/")
    assert sent == [(network.pk, "resync", {})]


def test_importing_a_version_tells_open_boards_to_resync(network, alice, client, sent):
    upload = SimpleUploadedFile("w.json", json.dumps(example_document()).encode())
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/importeren/", {"file": upload})
    assert sent == [(network.pk, "resync", {})]


def test_saving_a_version_or_a_refused_restore_sends_nothing(network, alice, bob, client, sent):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    client.force_login(bob)
    assert client.post(f"/n/{network.slug}/versies/{version.pk}/terugzetten/").status_code == 403
    client.force_login(alice)
    client.post(f"/n/{network.slug}/versies/opslaan/", {"label": "Workshop 2"})
    assert sent == []
