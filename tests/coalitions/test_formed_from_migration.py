"""Coalitions formed before `formed_from` existed are found again by the activity log, so
pressing "Coalitie vormen" after the upgrade updates them instead of making a duplicate."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _migrate(coalitions=None):
    """Migrate coalitions to `coalitions` (the apps that build on a later one, such as the
    actions, back to before they began), every other app to its newest migration; without
    `coalitions`, everything."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    targets = leaves
    if coalitions is not None:
        graph = executor.loader.graph

        def needs_later(leaf):  # an app that builds on a later coalitions migration
            return any(
                node[0] == "coalitions" and node[1] > coalitions
                for node in graph.forwards_plan(leaf)
            )

        apart = {leaf[0] for leaf in leaves if leaf[0] == "coalitions" or needs_later(leaf)}
        targets = [leaf for leaf in leaves if leaf[0] not in apart]
        targets += [(app, None) for app in sorted(apart - {"coalitions"})]
        targets.append(("coalitions", coalitions))
    executor.migrate(targets)
    applied = [target for target in targets if target[1] is not None]
    return executor.loader.project_state(applied).apps


@pytest.fixture
def before(transactional_db):
    yield _migrate("0006_revision")
    _migrate()


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
