"""The remodel moved models between apps without moving a row: from the schema of the
main before it, with data in it, migrating forward keeps every row and link."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# The newest migrations of the main before the rooms (commit e886223).
BEFORE_ROOMS = [
    ("canvas", "0005_workshop"),
    ("networks", "0005_insights"),
    ("coalitions", "0005_soft_delete"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def old_world(transactional_db):
    """The database as the main before the rooms left it, with one of everything moved."""
    apps = _migrate(BEFORE_ROOMS)
    ContentType.objects.clear_cache()
    types = apps.get_model("contenttypes", "ContentType")
    for model in ("workshop", "vote", "dot", "canvasversion"):
        types.objects.get_or_create(app_label="canvas", model=model)
    types.objects.get_or_create(app_label="networks", model="scan")
    user = apps.get_model("networks", "User").objects.create(email="a@example.org", name="Anna")
    network = apps.get_model("networks", "Network").objects.create(name="Regio", slug="regio")
    note = apps.get_model("canvas", "Note").objects.create(
        network=network, block="identity", prompt="passion", text="Samen leren", author=user
    )
    version = apps.get_model("canvas", "CanvasVersion").objects.create(
        network=network, label="Workshop 1", document={"format": "netwerkcanvas/1"}
    )
    workshop = apps.get_model("canvas", "Workshop").objects.create(
        network=network, title="Workshop 1", version=version, started_by=user
    )
    vote = apps.get_model("canvas", "Vote").objects.create(
        workshop=workshop, target="prompt", prompt="passion"
    )
    apps.get_model("canvas", "Dot").objects.create(vote=vote, user=user, note=note, count=2)
    scan = apps.get_model("networks", "Scan").objects.create(
        network=network, kind="kenmerken", closes=timezone.now() + timedelta(days=7)
    )
    apps.get_model("networks", "ScanResponse").objects.create(
        scan=scan, respondent=user, answers={"k1": 4}
    )
    apps.get_model("networks", "Assessment").objects.create(network=network)
    apps.get_model("networks", "SignalDismissal").objects.create(
        network=network, code="doel-vastgezet", dismissed_by=user
    )
    yield {"note": note.pk, "version": version.pk, "workshop": workshop.pk, "scan": scan.pk}
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as the tests expect


def test_migrating_forward_keeps_every_moved_row_and_its_links(old_world):
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    from canvas.records.models import CanvasVersion
    from canvas.workshops.models import Dot, Vote, Workshop
    from networks.insights.models import Assessment, Scan, ScanResponse, SignalDismissal

    workshop = Workshop.objects.get(pk=old_world["workshop"])
    assert workshop.version == CanvasVersion.objects.get(pk=old_world["version"])
    assert workshop.version.label == "Workshop 1"
    (vote,) = Vote.objects.filter(workshop=workshop)
    (dot,) = Dot.objects.filter(vote=vote)
    assert (dot.note_id, dot.count, dot.user.name) == (old_world["note"], 2, "Anna")
    scan = Scan.objects.get(pk=old_world["scan"])
    assert ScanResponse.objects.get(scan=scan).answers == {"k1": 4}
    assert Assessment.objects.filter(network=scan.network).exists()
    assert SignalDismissal.objects.get(network=scan.network).code == "doel-vastgezet"


def test_the_moved_models_keep_their_content_types(old_world):
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    moved = ContentType.objects.filter(model__in=["workshop", "vote", "dot", "canvasversion"])
    assert sorted(moved.values_list("app_label", "model")) == [
        ("records", "canvasversion"),
        ("workshops", "dot"),
        ("workshops", "vote"),
        ("workshops", "workshop"),
    ]
    assert ContentType.objects.get(model="scan").app_label == "insights"
