"""Forms for the self-scans and the advice questions."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from networks.insights import advice, scans
from networks.insights.models import Assessment, Scan

DONT_KNOW = "x"
LONGEST_SCAN = timedelta(days=366)


class OpenScanForm(forms.Form):
    """Open a scan from now until the end of the chosen day."""

    kind = forms.ChoiceField(label=_("Welke scan?"), choices=Scan.Kind, widget=forms.RadioSelect)
    closes_on = forms.DateField(
        label=_("Open tot en met"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Deelnemers kunnen hun antwoord aanpassen zolang de scan open is."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.now = timezone.now()
        if not self.is_bound:
            self.initial.setdefault("closes_on", timezone.localdate() + timedelta(days=14))

    def clean_closes_on(self):
        day = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("Kies vandaag of een dag in de toekomst."))
        if day > today + LONGEST_SCAN:
            raise forms.ValidationError(_("Een scan staat hoogstens een jaar open."))
        return day

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        running = Scan.objects.open(self.now).filter(network=self.network, kind=kind).first()
        if running:
            self.add_error(
                "kind",
                _("Deze scan loopt al, tot %(date)s. Sluit die eerst of wacht tot hij afloopt.")
                % {"date": date_format(timezone.localtime(running.closes), "j F Y")},
            )
        return cleaned

    def save(self, user):
        day = self.cleaned_data["closes_on"] + timedelta(days=1)
        closes = timezone.make_aware(datetime.combine(day, time.min))
        return Scan.open_in(
            self.network, self.cleaned_data["kind"], user, opens=self.now, closes=closes
        )


class ScanAnswerForm(forms.Form):
    """One radio group per statement: 1–5, or "weet ik niet"."""

    def __init__(self, *args, definition, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        choices = [(str(value), label) for value, label in scans.SCALE]
        choices.append((DONT_KNOW, scans.DONT_KNOW))
        for item in definition.items:
            self.fields[item.code] = forms.ChoiceField(
                label=item.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord, of “weet ik niet”.")},
            )

    @classmethod
    def initial_from(cls, answers):
        return {code: DONT_KNOW if value is None else str(value) for code, value in answers.items()}

    def groups(self):
        """Return the bound fields per characteristic, for the template."""
        return [
            (characteristic, [self[item.code] for item in characteristic.items])
            for characteristic in self.definition.characteristics
        ]

    def answers(self):
        return {
            code: None if value == DONT_KNOW else int(value)
            for code, value in self.cleaned_data.items()
        }


class NetworkTypeForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["purpose", "dependence", "impact"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in advice.TYPE_QUESTIONS:
            field = self.fields[question.code]
            field.label = question.text
            field.widget = forms.RadioSelect()
            field.choices = list(question.options)
            field.required = False


class LeadershipForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["cohesion", "orientation"]
        labels = {
            "cohesion": _(
                "Hoe hecht is het netwerk nu: sociale cohesie en collectieve gerichtheid?"
            ),
            "orientation": _("Waar is het netwerk vooral voor?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            field = self.fields[name]
            field.widget = forms.RadioSelect()
            field.choices = [("", _("laat de gegevens het bepalen")), *field.choices[1:]]


class FactorsForm(forms.ModelForm):
    factors_discussed = forms.TypedMultipleChoiceField(
        label=_("Besproken factoren"),
        choices=[(factor.number, factor.title) for factor in advice.FACTORS],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Assessment
        fields = ["factors_discussed"]
