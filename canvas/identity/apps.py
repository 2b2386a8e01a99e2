from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "canvas.identity"
    label = "identity"
    verbose_name = _("Identiteitskaart")

    def ready(self):
        from canvas.identity.views import LIVE_KEY, map_parts
        from canvas.live.events import RENDERERS

        # The key is "identity-map": renderers are looked up by what precedes its first "-".
        RENDERERS[LIVE_KEY.split("-", 1)[0] + "-"] = map_parts
