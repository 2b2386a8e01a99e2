"""The overlap views' speed goal: 50 networks, 800 actors, at most 300 ms (run with -m bench)."""

import sys

import pytest

from canvas.tools import bench_overlap


@pytest.mark.bench
@pytest.mark.django_db
def test_the_overlap_overview_renders_within_the_budget():
    results = bench_overlap.measure(sys.stdout)
    for figures in results.values():
        assert figures["p95"] <= bench_overlap.BUDGET_MS
