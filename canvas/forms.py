from django import forms
from django.utils.translation import gettext_lazy as _

from canvas.models import Note
from networks.revisions import RevisionField


class NoteForm(forms.ModelForm):
    revision = RevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].required = True
            self.fields["revision"].initial = self.instance.revision

    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "data-enter-submits": ""})}
        labels = {"text": _("Notitie")}
        error_messages = {
            "text": {
                "required": _("Schrijf eerst iets op de notitie."),
                "max_length": _(
                    "Een notitie mag hoogstens %(limit_value)d tekens hebben; "
                    "deze heeft er %(show_value)d."
                ),
            }
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", _("omhoog")), ("down", _("omlaag"))],
        error_messages={
            "required": _("Kies of de notitie omhoog of omlaag moet."),
            "invalid_choice": _("Kies “omhoog” of “omlaag”."),
        },
    )
