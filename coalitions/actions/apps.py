from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "coalitions.actions"
    label = "actions"
    verbose_name = _("Acties van coalities")

    def ready(self):
        from coalitions.actions.models import ActionStatus
        from networks import activity

        # The activity log names an action's status in the reader's language.
        activity.register_labels(ActionStatus)
