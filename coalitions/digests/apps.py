from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestsConfig(AppConfig):
    name = "coalitions.digests"
    label = "digests"
    verbose_name = _("Berichten per e-mail")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from coalitions.digests.models import MailPreference

        # Mail goes out in the language someone last used, unless they chose one.
        user_logged_in.connect(MailPreference.remember_language, dispatch_uid="digests-language")
