from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "canvas.live"
    label = "live"
    verbose_name = _("Live")

    def ready(self):
        from canvas.live import events  # noqa: F401  (connects the membership signal)
