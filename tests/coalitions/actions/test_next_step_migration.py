"""The data migration: each coalition's "volgende stap" becomes its first action."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def _migrate(actions=None):
    """Migrate actions to `actions`, every other app to its newest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    leaves = executor.loader.graph.leaf_nodes()
    targets = leaves
    if actions is not None:
        targets = [leaf for leaf in leaves if leaf[0] != "actions"] + [("actions", actions)]
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    yield _migrate("0001_initial")
    _migrate()


def test_next_steps_become_open_actions_of_the_first_trekker(before):
    apps = before
    network = apps.get_model("networks", "Network").objects.create(name="Regio", slug="regio")
    users = apps.get_model("networks", "User").objects
    ann = users.create(email="ann@example.org", name="Ann")
    piet = users.create(email="piet@example.org", name="Piet")
    coalitions = apps.get_model("coalitions", "Coalition").objects
    members = apps.get_model("coalitions", "CoalitionMember").objects
    led = coalitions.create(network=network, name="Techniek", next_step="Datum prikken")
    members.create(coalition=led, user=piet, role="lid")
    members.create(coalition=led, user=ann, role="trekker")
    alone = coalitions.create(network=network, name="Zonder trekker", next_step="Iemand vinden")
    empty = coalitions.create(network=network, name="Leeg", next_step="")

    apps = _migrate("0002_next_steps_become_actions")
    actions = apps.get_model("actions", "Action").objects
    first = actions.get(coalition_id=led.pk)
    assert (first.title, first.owner_id, first.due_on, first.status) == (
        "Datum prikken",
        ann.pk,
        None,
        "open",
    )
    assert actions.get(coalition_id=alone.pk).owner_id is None
    assert not actions.filter(coalition_id=empty.pk).exists()
    kept = apps.get_model("coalitions", "Coalition").objects.get(pk=led.pk)
    assert kept.next_step == "Datum prikken"  # the field stays, now the next action's title
