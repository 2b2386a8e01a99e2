from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "networks.insights"
    label = "insights"
    verbose_name = _("Overlap, scans, advies en signalen")

    def ready(self):
        from networks import activity
        from networks.insights.models import ScanKind

        activity.register_labels(ScanKind)  # the log names a scan by its kind
