import functools
from io import StringIO

import pytest
from django.core.management import call_command

from canvas.records.interchange import validate
from canvas.tools import bench_poster
from canvas.tools.bench import large_document
from networks.models import Actor, Network, User


def test_the_large_document_is_valid_and_as_large_as_asked():
    document = large_document()
    validate(document)
    notes = sum(
        len(v)
        for block in ("identity", "rules", "organisation", "leadership")
        for v in document[block].values()
    )
    assert (notes, len(document["actors"])) == (400, 60)
    assert (len(document["ambitions"]), len(document["coalitions"])) == (30, 30)
    used = {coalition["ambition"] for coalition in document["coalitions"]}
    assert len(used) < 30  # some ambitions stay open invitations


@pytest.mark.django_db
def test_bench_prints_its_figures_and_leaves_nothing_behind(monkeypatch):
    # The posters' part renders the 400-note A1 poster cold once, not three times, and
    # asks for it again twice, not twenty times: the same path, at a test's price.
    monkeypatch.setattr(
        bench_poster, "measure", functools.partial(bench_poster.measure, runs=1, repeats=2)
    )
    out = StringIO()
    call_command("bench", requests=2, notes=40, actors=6, ambitions=3, coalitions=3, stdout=out)
    text = out.getvalue()
    assert "board render" in text and "add note (htmx)" in text and "board, workshop" in text
    assert "overlap (50 netw.)" in text
    assert "poster A1, 400 notes, rendered" in text and "repeat requests" in text
    board = next(line for line in text.splitlines() if line.startswith("board render"))
    assert int(board.split()[-1]) > 1000  # the request's Python calls, counted
    assert not Network.objects.exists()
    assert not User.objects.exists()
    assert not Actor.objects.exists()
