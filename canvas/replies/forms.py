from django import forms
from django.utils.translation import gettext_lazy as _

from canvas.replies.models import Reply


class ReplyForm(forms.ModelForm):
    class Meta:
        model = Reply
        fields = ["text"]
        labels = {"text": _("Jouw reactie")}
        error_messages = {
            "text": {
                "required": _("Schrijf eerst iets in je reactie."),
                "max_length": _(
                    "Een reactie mag hoogstens %(limit_value)d tekens hebben; "
                    "deze heeft er %(show_value)d."
                ),
            }
        }
