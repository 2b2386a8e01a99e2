from django import forms
from django.utils.translation import gettext_lazy as _

from canvas.sharing.models import VALID_FOR, ShareLink


class ShareLinkForm(forms.Form):
    """What a new read-only link shows, to whom, and for how long."""

    coalitie = forms.ModelChoiceField(
        label=_("Wat de link laat zien"),
        queryset=None,
        required=False,
        empty_label=_("Het hele canvas"),
        error_messages={"invalid_choice": _("Deze coalitie bestaat niet (meer).")},
    )
    label = forms.CharField(
        label=_("Voor wie (alleen voor jezelf, om de link te herkennen)"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld “Bestuur Scholengroep Betuwe”."),
        error_messages={
            "max_length": _("Hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    valid_for = forms.ChoiceField(
        label=_("Geldig"),
        choices=[(key, label) for key, (_delta, label) in VALID_FOR.items()],
        initial="30d",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies hoe lang de link geldig is."),
            "invalid_choice": _("Kies een week, 30 dagen of drie maanden."),
        },
    )
    show_names = forms.BooleanField(
        label=_("Met namen: wie wat schreef, wie meedoet en wie trekt"),
        required=False,
        help_text=_("Zonder vinkje toont de link geen namen van mensen, alleen organisaties."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coalitie"].queryset = network.coalitions.order_by("position", "id")

    def create(self, network, by):
        data = self.cleaned_data
        return ShareLink.create_for(
            network,
            by,
            VALID_FOR[data["valid_for"]][0],
            coalition=data["coalitie"],
            show_names=data["show_names"],
            label=data["label"].strip(),
        )
