"""Coalitions formed before `formed_from` existed are found again by the activity log, so
pressing "Coalitie vormen" after the upgrade updates them instead of making a duplicate."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _migrate(coalitions):
    """Migrate coalitions to `coalitions`, every other app to its newest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    targets = [leaf for leaf in leaves if leaf[0] != "coalitions"] + [("coalitions", coalitions)]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _newest():
    """Return the newest migration of coalitions (later ones came after this test)."""
    executor = MigrationExecutor(connection)
    return next(n for app, n in executor.loader.graph.leaf_nodes() if app == "coalitions")


@pytest.fixture
def before(transactional_db):
    yield _migrate("0006_revision")
    _migrate(_newest())  # the next tests need every column


def test_the_log_tells_which_coalitions_were_formed(before):
    apps = before
    network = apps.get_model("networks", "Network").objects.create(name="Regio", slug="regio")
    ambition = apps.get_model("coalitions", "Ambition").objects.create(
        network=network, key="a", title="Techniek"
    )
    coalitions = apps.get_model("coalitions", "Coalition").objects
    formed = coalitions.create(network=network, name="Techniek", ambition=ambition)
    by_hand = coalitions.create(network=network, name="Techniekdag", ambition=ambition)
    apps.get_model("networks", "Activity").objects.create(
        network=network,
        area="coalitions",
        kind="coalition.formed",
        params={"subject": "Techniek", "ambition": "Techniek"},
    )
    apps = _migrate("0007_coalition_formed_from")
    coalitions = apps.get_model("coalitions", "Coalition").objects
    assert coalitions.get(pk=formed.pk).formed_from_id == ambition.pk
    assert coalitions.get(pk=by_hand.pk).formed_from_id is None
