"""Migration networks 0007: old entries (area, action, subject) become kinds that say true.

`convert` is checked on old-style rows, in both languages they may have been written in;
one test runs the migration itself on a database holding old rows.
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import translation

from networks.models import Activity

migration = importlib.import_module("networks.migrations.0007_activity_kinds")
convert = migration.convert

BEFORE, AFTER = ("networks", "0006_move_out_insights"), ("networks", "0007_activity_kinds")


# (area, action, subject, prompt, before, after) → (kind, area, params)
ROWS = [
    (("identity", "created", "Trots", "passion", None, {"text": "Trots"}),
     ("note.added", "identity", {"subject": "Trots", "prompt": "passion"})),
    (("leadership", "deleted", "Weg", "care", None, None),
     ("note.deleted", "leadership", {"subject": "Weg", "prompt": "care"})),
    (("organisation", "moved", "Hier", "care", None, {"direction": "up"}),
     ("note.moved", "organisation", {"subject": "Hier", "prompt": "care", "direction": "up"})),
    (("rules", "edited", "Besluit", "decisions", {"status": "voorstel"},
      {"status": "afgesproken"}),
     ("rule.agreed", "rules", {"subject": "Besluit", "prompt": "decisions"})),
    (("rules", "edited", "Besluit", "decisions", {"status": "afgesproken"},
      {"status": "voorstel"}),
     ("rule.proposed", "rules", {"subject": "Besluit", "prompt": "decisions"})),
    (("rules", "edited", "Besluit 2", "decisions", {"text": "Besluit"}, {"text": "Besluit 2"}),
     ("rule.edited", "rules", {"subject": "Besluit 2", "prompt": "decisions"})),
    (("identity", "created", "verborgen notitie (stil schrijven)", "passion", None, None),
     ("note.added", "identity", {"prompt": "passion", "silent": True})),
    (("identity", "edited", "hidden note (silent writing)", "passion", None, None),
     ("note.edited", "identity", {"prompt": "passion", "silent": True})),
    (("ambitions", "joined", "Zij-instroom", "", None, {"betrokkenheid": "meedoen"}),
     ("commitment.set", "ambitions", {"subject": "Zij-instroom", "level": "meedoen"})),
    (("ambitions", "left", "Zij-instroom", "", None, None),
     ("commitment.withdrawn", "ambitions", {"subject": "Zij-instroom"})),
    (("coalitions", "joined", "Techniekdag", "", None, {"role": "informed"}),
     ("coalition.joined", "coalitions", {"subject": "Techniekdag", "role": "informed"})),
    (("coalitions", "edited", "Techniekdag", "", {"leads": ["Bob"]}, {"leads": ["Dana"]}),
     ("coalition.edited", "coalitions", {"subject": "Techniekdag"})),
    (("network", "created", "Workshop “Dag 2” begonnen", "", None, None),
     ("workshop.started", "workshops", {"subject": "Dag 2"})),
    (("network", "created", "Workshop “Day 2” started", "", None, None),
     ("workshop.started", "workshops", {"subject": "Day 2"})),
    (("network", "edited", "Workshop “Dag 2” beëindigd", "", None, None),
     ("workshop.ended", "workshops", {"subject": "Dag 2"})),
    (("network", "edited", "Verborgen notities onthuld", "", None, None),
     ("workshop.revealed", "workshops", {})),
    (("network", "edited", "Hidden notes revealed", "", None, None),
     ("workshop.revealed", "workshops", {})),
    (("network", "created", "Scan Zeven kenmerken van een lerend netwerk van 06-12-2026", "",
      None, None),
     ("scan.opened", "scans", {"scan": "kenmerken", "date": "2026-12-06"})),
    (("network", "edited", "Scan “Cooperation scan in four perspectives” of 01-02-2027", "",
      None, None),
     ("scan.closed", "scans", {"scan": "samenwerking", "date": "2027-02-01"})),
    (("network", "created", "Onderwijsregio", "", None, None),
     ("network.created", "network", {"subject": "Onderwijsregio"})),
    (("network", "edited", "Onderwijsregio", "", {"name": "Regio"}, {"name": "Onderwijsregio"}),
     ("network.edited", "network", {"subject": "Onderwijsregio"})),
    (("versions", "created", "Workshop 1", "", None, None),
     ("version.saved", "versions", {"subject": "Workshop 1"})),
    (("versions", "created", "Automatisch bewaard vóór terugzetten van “W”", "", None, None),
     ("version.kept", "versions", {"subject": "Automatisch bewaard vóór terugzetten van “W”"})),
    (("versions", "created", "Imported from regio.json", "", None, None),
     ("version.imported", "versions", {"subject": "Imported from regio.json"})),
    (("versions", "restored", "Workshop 1", "", None, None),
     ("version.restored", "versions", {"subject": "Workshop 1"})),
    (("people", "joined", "Gijs", "", None, {"role": "member"}),
     ("person.joined", "people", {"role": "member"})),
    (("people", "invited", "Nina", "", None, {"role": "member"}),
     ("person.invited", "people", {"person": "Nina", "role": "member"})),
    (("people", "edited", "Bob", "", {"role": "member"}, {"role": "coordinator"}),
     ("person.changed", "people", {"person": "Bob"})),
    (("people", "deleted", "Bob", "", {"role": "member"}, None),
     ("person.removed", "people", {"person": "Bob", "role": "member"})),
    (("actors", "edited", "Gemeente Tiel", "", {"role": ""}, {"role": "deelnemer"}),
     ("actor.edited", "actors", {"subject": "Gemeente Tiel"})),
    # What no kind says truly stays what it was: subject and action.
    (("actors", "deleted", "Gemeente Tiel", "", None, None),
     ("legacy", "actors", {"subject": "Gemeente Tiel", "action": "deleted"})),
    (("ambitions", "moved", "Zij-instroom", "", None, None),
     ("legacy", "ambitions", {"subject": "Zij-instroom", "action": "moved"})),
    (("people", "left", "Bob", "", None, None),
     ("legacy", "people", {"subject": "Bob", "action": "left"})),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new"), ROWS)
def test_old_rows_become_the_kind_that_says_what_happened(old, new):
    converted = convert(*old)
    assert (converted["kind"], converted["area"], converted["params"]) == new


def test_entries_about_hidden_notes_lose_their_name():
    hidden = convert("identity", "created", "verborgen notitie (stil schrijven)", "passion")
    assert hidden["anonymous"] is True
    assert convert("identity", "created", "Trots", "passion")["anonymous"] is False


def test_edits_keep_their_before_and_after():
    row = ("people", "edited", "Bob", "", {"role": "member"}, {"role": "coordinator"})
    assert (convert(*row)["before"], convert(*row)["after"]) == (row[4], row[5])


@pytest.mark.django_db(transaction=True)
def test_the_migration_converts_the_rows_of_a_database(network, bob):
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old_apps = executor.loader.project_state([BEFORE]).apps
    OldActivity = old_apps.get_model("networks", "Activity")
    rows = [
        ("network", "created", "Workshop “Dag 2” begonnen", ""),
        ("identity", "created", "verborgen notitie (stil schrijven)", "passion"),
        ("coalitions", "moved", "Techniekdag", ""),
    ]
    for area, action, subject, prompt in rows:
        OldActivity.objects.create(
            network_id=network.pk,
            user_id=bob.pk,
            user_name="Bob",
            area=area,
            action=action,
            subject=subject,
            prompt=prompt,
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    entries = list(Activity.objects.filter(network=network).order_by("id"))
    assert [entry.sentence() for entry in entries] == [
        "Bob heeft de workshop “Dag 2” gestart",
        "Iemand heeft tijdens stil schrijven een notitie toegevoegd bij Identiteit › "
        "Verbinding op passie",
        "Bob: Techniekdag (verplaatst)",
    ]
    with translation.override("en"):
        assert entries[0].sentence() == "Bob started the workshop “Dag 2”"
    assert (entries[1].user, entries[1].user_name) == (None, "")
