"""Forms for keeping the canvas's record: versions, posters, importing a document."""

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from canvas.records import poster
from canvas.records.interchange import DocumentError, parse, validate
from canvas.records.models import AutoLabel

MAX_IMPORT_BYTES = 5 * 1024 * 1024


def default_label():
    """Return the label a new version gets unless someone types another."""
    today = formats.date_format(timezone.localdate(), "j F Y")
    return _("Versie van %(date)s") % {"date": today}


class VersionForm(forms.Form):
    label = forms.CharField(
        label=_("Naam van de versie"),
        max_length=200,
        help_text=_("Bijvoorbeeld “Workshop 2 — 14 maart”."),
        error_messages={
            "required": _("Geef de versie een naam."),
            "max_length": _("Een naam heeft hoogstens %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )


class PosterForm(forms.Form):
    """What to print: the size, and the canvas now or a saved version of it."""

    formaat = forms.ChoiceField(
        label=_("Formaat"),
        choices=[(size, size) for size in poster.SIZES],
        initial=poster.DEFAULT_SIZE,
        required=False,
        error_messages={"invalid_choice": _("Kies A3, A2, A1 of A0.")},
    )
    versie = forms.ModelChoiceField(
        label=_("Welke stand"),
        queryset=None,
        required=False,
        empty_label=_("Het canvas zoals het nu is"),
        error_messages={"invalid_choice": _("Deze versie bestaat niet (meer).")},
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["versie"].queryset = network.versions.for_list()

    def clean_formaat(self):
        return self.cleaned_data["formaat"] or poster.DEFAULT_SIZE


class ImportForm(forms.Form):
    """A `netwerkcanvas/1` file; `document` holds it once valid."""

    file = forms.FileField(
        label=_("Bestand (netwerkcanvas/1, JSON)"),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot: hoogstens 5 MB."))
        try:
            document = parse(upload.read())
            validate(document)
        except DocumentError as error:
            # The same messages as `manage.py import_canvas`: each fault with its path.
            raise forms.ValidationError(
                [
                    _("Dit is geen geldig netwerkcanvas/1-document:"),
                    *(str(fault) for fault in error.faults),
                ]
            ) from None
        self.document = document
        return upload


class VersionImportForm(ImportForm):
    label = forms.CharField(
        label=_("Naam van de nieuwe versie"),
        max_length=200,
        required=False,
        help_text=_("Leeg laten: “Geïmporteerd uit” en de naam van het bestand."),
    )

    field_order = ["file", "label"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("label"):
            cleaned["label"] = AutoLabel("imported", upload.name)
        return cleaned
