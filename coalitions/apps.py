from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalities")

    def ready(self):
        from coalitions.models import (
            CoalitionCharacter,
            CoalitionRole,
            CoalitionStatus,
            CommitmentLevel,
            WorkForm,
        )
        from networks import activity

        # The activity log names these values in the reader's language.
        activity.register_labels(
            CoalitionStatus, WorkForm, CoalitionRole, CommitmentLevel, CoalitionCharacter
        )
