from django import forms
from django.utils.translation import gettext_lazy as _

from coalitions.digests.models import MailPreference


class MailPreferenceForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["digest", "reminders", "language"]
        labels = {
            "digest": _("Overzicht van wat er veranderde in je coalities"),
            "reminders": _("Herinnering een paar dagen voordat iets op jouw naam af moet zijn"),
            "language": _("Taal van de e-mail"),
        }
        help_texts = {
            "digest": _(
                "Voor de coalities waarin je meedoet, die je trekt of waarvan je op de "
                "hoogte blijft."
            ),
        }
        widgets = {"digest": forms.RadioSelect}
        error_messages = {
            "digest": {
                "invalid_choice": _("Kies dagelijks, wekelijks of nooit."),
                "required": _("Kies dagelijks, wekelijks of nooit."),
            },
            "language": {"invalid_choice": _("Kies Nederlands of English.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            ("", _("de taal waarin je het laatst inlogde")),
            *self.fields["language"].choices[1:],
        ]
