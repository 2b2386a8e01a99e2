"""Preparing an agenda: where it starts from, its title, and each step."""

from django import forms
from django.utils.translation import gettext_lazy as _

from canvas.agenda.models import MAX_MINUTES, MIN_MINUTES, Agenda, Method, method_problem
from canvas.agenda.presets import PRESETS
from canvas.workshops.forms import step_choices
from networks.params import parse_id

EMPTY = "leeg"
OWN = "eigen-"  # an own template: "eigen-<pk>"


class NewAgendaForm(forms.Form):
    """Start an agenda from a template of the app, one of the network's own, or empty."""

    bron = forms.ChoiceField(
        label=_("Begin met"),
        error_messages={
            "required": _("Kies waarmee de agenda begint."),
            "invalid_choice": _("Kies een sjabloon uit de lijst."),
        },
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = {
            f"{OWN}{agenda.pk}": agenda for agenda in network.agendas.templates().order_by("title")
        }
        choices = [(key, preset.title) for key, preset in PRESETS.items()]
        choices += [(key, agenda.title) for key, agenda in self.templates.items()]
        self.fields["bron"].choices = [*choices, (EMPTY, _("Een lege agenda"))]

    def source(self):
        """Return what Agenda.create_from makes the agenda from."""
        key = self.cleaned_data["bron"]
        return self.templates.get(key, key if key in PRESETS else None)


class AgendaTitleForm(forms.ModelForm):
    class Meta:
        model = Agenda
        fields = ["title"]
        labels = {"title": _("Titel van de agenda")}
        error_messages = {
            "title": {
                "required": _("Geef de agenda een titel."),
                "max_length": _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d."),
            }
        }


class StepForm(forms.Form):
    """One step: what (a block, a prompt or the band), how (the method), how long."""

    step = forms.ChoiceField(
        label=_("Onderdeel"),
        choices=step_choices,
        error_messages={
            "required": _("Kies een onderdeel van het canvas."),
            "invalid_choice": _("Kies een bouwsteen of vraag uit de lijst."),
        },
    )
    method = forms.ChoiceField(
        label=_("Werkvorm"),
        choices=Method.choices,
        error_messages={
            "required": _("Kies een werkvorm."),
            "invalid_choice": _("Kies een werkvorm uit de lijst."),
        },
    )
    minutes = forms.IntegerField(
        label=_("Minuten"),
        min_value=MIN_MINUTES,
        max_value=MAX_MINUTES,
        error_messages={
            "required": _("Kies 1 tot 240 minuten."),
            "invalid": _("Kies 1 tot 240 minuten."),
            "min_value": _("Kies 1 tot 240 minuten."),
            "max_value": _("Kies 1 tot 240 minuten."),
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @classmethod
    def of(cls, step, data=None):
        """Return the form of an existing step: its fields carry the step's id."""
        initial = {"step": step.value, "method": step.method, "minutes": step.minutes}
        prefix = f"s{step.pk}"
        if data is not None and f"{prefix}-step" not in data:
            data = None  # not on the page that was sent (added since): left as it is
        return cls(data, prefix=prefix, initial=initial)

    def clean(self):
        data = super().clean()
        step, method = data.get("step"), data.get("method")
        if step and method:
            block, _dot, prompt = step.partition(".")
            if problem := method_problem(block, prompt, method):
                self.add_error("method", problem)
            data["block"], data["prompt"] = block, prompt
        return data

    def changed(self, step):
        data = self.cleaned_data
        return (data["block"], data["prompt"], data["method"], data["minutes"]) != (
            step.block,
            step.prompt,
            step.method,
            step.minutes,
        )

    def apply(self, step):
        data = self.cleaned_data
        step.block, step.prompt = data["block"], data["prompt"]
        step.method, step.minutes = data["method"], data["minutes"]
        step.save(update_fields=["block", "prompt", "method", "minutes"])


class NextStepForm(forms.Form):
    """ "Volgende stap" in the room: start the agenda's step the facilitator saw as next.

    The step is named, not implied: a second click, or a second tab, on a step that has
    started already changes nothing instead of skipping the step after it.
    """

    agenda_step = forms.CharField(
        error_messages={"required": _("Deze stap staat niet op de agenda van deze workshop.")}
    )

    def __init__(self, *args, workshop, **kwargs):
        kwargs.setdefault("auto_id", "steer-%s")
        super().__init__(*args, **kwargs)
        self.workshop = workshop

    def clean_agenda_step(self):
        agenda = Agenda.objects.filter(workshop=self.workshop).prefetch_related("steps").first()
        pk = parse_id(self.cleaned_data["agenda_step"])
        step = next((s for s in agenda.steps.all() if s.pk == pk), None) if agenda else None
        if step is None:
            raise forms.ValidationError(_("Deze stap staat niet op de agenda van deze workshop."))
        agenda.workshop = self.workshop
        step.agenda = agenda
        return step
