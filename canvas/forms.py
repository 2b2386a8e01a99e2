from django import forms
from django.utils.translation import gettext_lazy as _

from canvas.models import Note


class VersionField(forms.IntegerField):
    """The version an edit form started from, so a save over a newer one is caught."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)
        self.error_messages["required"] = self.error_messages["invalid"] = _(
            "Dit formulier is te oud; open het opnieuw."
        )


class NoteForm(forms.ModelForm):
    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version

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
