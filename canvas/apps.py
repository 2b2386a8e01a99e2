from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


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
