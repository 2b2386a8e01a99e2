from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CanvasConfig(AppConfig):
    name = "canvas"
    verbose_name = _("Canvas")

    def ready(self):
        from canvas import events  # noqa: F401  (connects the membership signal)
