import gc

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# A board request allocates some 100,000 objects, nearly all freed by reference counting.
# With Python's default first threshold (700) the collector ran ~6 times a request and a
# full collection walked every module, model and URL pattern: 36 ms a request on average,
# 200 ms on the unlucky one (`manage.py bench`). Collecting less often, with Django's
# own objects frozen out of it, cut that to ~12 ms.
GC_THRESHOLDS = (10_000, 10, 10)


class CanvasConfig(AppConfig):
    name = "canvas"
    verbose_name = _("Canvas")

    def ready(self):
        from canvas.models import NoteStatus
        from canvas.prompts import BLOCKS, PROMPTS
        from networks import activity

        # The activity log names the canvas's places and values in the reader's language.
        activity.register_places(
            {slug: block.title for slug, block in BLOCKS.items()},
            {slug: prompt.title for slug, prompt in PROMPTS.items()},
        )
        activity.register_labels(NoteStatus)
        tune_garbage_collection()


def tune_garbage_collection():
    """Keep the objects loaded at start out of every collection, and collect less often."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)
