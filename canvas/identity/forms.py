from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from canvas.identity.models import SPAN, WORD_MAX_LENGTH, Part
from canvas.prompts import IDENTITY

_POSITION_ERRORS = {
    "required": _("Kies een plek op de kaart."),
    "invalid": _("Een plek is een getal van 0 tot en met 100."),
    "min_value": _("Een plek is een getal van 0 tot en met 100."),
    "max_value": _("Een plek is een getal van 0 tot en met 100."),
}


class PlaceForm(forms.Form):
    """A dot and one word in one part of the map: tapped on the map, or chosen here."""

    part = forms.ChoiceField(
        label=_("Deel van de kaart"),
        choices=Part.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een deel: passie, opgave of positie."),
            "invalid_choice": _("Kies een deel: passie, opgave of positie."),
        },
    )
    word = forms.CharField(
        label=_("Eén woord"),
        max_length=WORD_MAX_LENGTH,
        strip=True,
        error_messages={
            "required": _("Schrijf één woord."),
            "max_length": _(
                "Een woord heeft hoogstens %(limit_value)d tekens; dit heeft er %(show_value)d."
            ),
        },
    )
    x = forms.IntegerField(
        label=_("Van links naar rechts"),
        min_value=0,
        max_value=SPAN,
        error_messages=_POSITION_ERRORS,
    )
    y = forms.IntegerField(
        label=_("Van boven naar beneden"),
        min_value=0,
        max_value=SPAN,
        error_messages=_POSITION_ERRORS,
    )

    def clean_word(self):
        word = self.cleaned_data["word"]
        if any(char.isspace() for char in word):
            raise ValidationError(
                _("Schrijf één woord, zonder spaties: “%(word)s” zijn er meer."),
                params={"word": word},
            )
        if not any(char.isalnum() for char in word):
            raise ValidationError(_("Een woord heeft minstens één letter of cijfer."))
        return word


class MakeNoteForm(forms.Form):
    """The facilitator writes a word of the map as a note of the Identiteit block."""

    part = forms.ChoiceField(choices=Part.choices)
    word = forms.CharField(max_length=WORD_MAX_LENGTH)
    prompt = forms.ChoiceField(
        label=_("Als notitie bij"),
        choices=[(prompt.slug, prompt.title) for prompt in IDENTITY.prompts],
        error_messages={"invalid_choice": _("Kies een vraag van de bouwsteen Identiteit.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].error_messages["invalid_choice"] = _(
            "Kies een deel: passie, opgave of positie."
        )

    @property
    def identity_prompt(self):
        return IDENTITY.prompt(self.cleaned_data["prompt"])
