from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "coalitions.actions"
    label = "actions"
    verbose_name = _("Acties van coalities")

    def ready(self):
        from coalitions.actions.models import Action, ActionStatus
        from coalitions.digests import reminders
        from networks import activity

        # The activity log names an action's status in the reader's language.
        activity.register_labels(ActionStatus)
        # An action's owner is reminded by mail before it is due.
        reminders.register_source(Action.due_for_reminders)
