"""The garbage collector is tuned by the server's entry point, not by loading Django."""

import subprocess
import sys

from canvas.garbage import GC_THRESHOLDS

PROBE = (
    "import gc, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'canvas.settings'; {load}; "
    "print(gc.get_threshold(), gc.get_freeze_count())"
)


def _probe(load):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(load=load)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_setting_up_django_leaves_the_collector_alone():
    # Tests, scripts and management commands load the apps: no frozen objects for them.
    assert _probe("import django; django.setup()") == _probe("pass")


def test_the_asgi_entry_point_freezes_what_it_loaded_and_collects_less_often():
    thresholds, frozen = _probe("import canvas.asgi").rsplit(" ", 1)
    assert thresholds == str(GC_THRESHOLDS)
    assert int(frozen) > 10_000  # the objects of Django and the project
