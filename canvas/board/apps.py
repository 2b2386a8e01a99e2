from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "canvas.board"
    label = "board"
    verbose_name = _("Bord")

    def ready(self):
        from canvas.board.render import register_live_parts

        register_live_parts()
