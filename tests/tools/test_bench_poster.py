"""The posters' speed goals (run with `uv run pytest -m bench`)."""

import statistics
import sys

import pytest

from canvas.tools.bench_poster import measure

pytestmark = pytest.mark.bench


def test_the_a1_poster_of_400_notes_renders_in_4_s_and_repeats_in_50_ms(db, settings, tmp_path):
    # The file cache, as configured for production, in a throwaway directory.
    settings.CACHES = {
        **settings.CACHES,
        "posters": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "posters"),
        },
    }
    result = measure(sys.stdout)
    assert statistics.median(result["cold"]) <= 4.0
    assert statistics.median(result["repeat"]) <= 0.050
