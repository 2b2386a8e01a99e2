"""How the server process collects garbage: called once the application is built.

A board request allocates some 100,000 objects, nearly all freed by reference counting.
With Python's default first threshold (700) the collector ran ~6 times a request and a
full collection walked every module, model and URL pattern: 36 ms a request on average,
200 ms on the unlucky one (`manage.py bench`). Collecting less often, with Django's own
objects frozen out of it, cut that to ~12 ms.

The ASGI entry point (canvas/asgi.py) calls `tune_garbage_collection` after building the
application; `manage.py bench` calls it too, so its figures are those of the server.
"""

import gc

GC_THRESHOLDS = (10_000, 10, 10)


def tune_garbage_collection():
    """Keep the objects loaded at start out of every collection, and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
