from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Netwerken")

    def ready(self):
        from networks import activity
        from networks.models import ActorRole, MembershipRole, NetworkType

        activity.register_labels(MembershipRole, ActorRole, NetworkType)
