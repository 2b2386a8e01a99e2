"""Renaming the edit-conflict counter keeps every count (canvas 0007, coalitions 0006)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("canvas", "0006_move_out_workshops_and_versions"), ("coalitions", "0005_soft_delete")]
AFTER = [("canvas", "0007_note_revision"), ("coalitions", "0006_revision")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_counters_keep_their_values_as_revision():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        # Networks stay as they are now: only the counters' apps go back.
        old = _migrate(BEFORE + [node for node in latest if node[0] == "networks"])
        network = old.get_model("networks", "Network").objects.create(name="Oud", slug="oud")
        old.get_model("canvas", "Note").objects.create(
            network=network, block="identity", prompt="passion", text="Oud", version=3
        )
        old.get_model("coalitions", "Ambition").objects.create(
            network=network, key="a", title="A", version=4
        )
        old.get_model("coalitions", "Coalition").objects.create(
            network=network, name="C", version=5
        )
        new = _migrate(AFTER)
        assert new.get_model("canvas", "Note").objects.get(text="Oud").revision == 3
        assert new.get_model("coalitions", "Ambition").objects.get(key="a").revision == 4
        assert new.get_model("coalitions", "Coalition").objects.get(name="C").revision == 5
    finally:
        _migrate(latest)
