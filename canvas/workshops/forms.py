"""Steering a workshop: start it, choose the step, the timer, silent writing, votes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from canvas.prompts import BLOCKS, COALITIONS_BLOCK, IDENTITY, PROMPT_CHOICES
from canvas.workshops.models import AMBITIONS_AND_COALITIONS, MAX_DOTS, Vote, Workshop

# -- Steering a workshop -------------------------------------------------------------------


class StartWorkshopForm(forms.ModelForm):
    class Meta:
        model = Workshop
        fields = ["title"]
        labels = {"title": _("Titel van de workshop")}
        help_texts = {"title": _("Bijvoorbeeld: Workshop 2 — identiteit en ambities.")}
        error_messages = {
            "title": {
                "required": _("Geef de workshop een titel."),
                "max_length": _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d."),
            }
        }


# The order in which a workshop usually walks the canvas: identity first, then ambitions
# and coalitions, then rules, organisation and leadership.
STEP_ORDER = ("identity", "coalitions", "rules", "organisation", "leadership")


def step_choices():
    """Return the steps grouped per block: the whole block, then each of its prompts."""
    groups = []
    for slug in STEP_ORDER:
        block = BLOCKS[slug]
        if block.slug == COALITIONS_BLOCK.slug:
            groups.append((AMBITIONS_AND_COALITIONS, [(block.slug, AMBITIONS_AND_COALITIONS)]))
            continue
        whole = _("%(block)s (de hele bouwsteen)") % {"block": block.title}
        options = [(block.slug, whole)]
        options += [(f"{block.slug}.{prompt.slug}", prompt.title) for prompt in block.prompts]
        groups.append((block.title, options))
    return groups


def step_value(workshop):
    """Return the StepForm value of the workshop's current step."""
    if workshop.step_prompt:
        return f"{workshop.step_block}.{workshop.step_prompt}"
    return workshop.step_block or IDENTITY.slug


def next_step(workshop):
    """Return (value, label) of the step after the workshop's current one in the usual
    walk (`step_choices`), the first before any; None after the last."""
    steps = [option for _group, options in step_choices() for option in options]
    if not workshop.step_block:
        return steps[0]
    values = [value for value, _label in steps]
    current = step_value(workshop)
    index = values.index(current) if current in values else -1
    return steps[index + 1] if index + 1 < len(steps) else None


class SteeringForm(forms.Form):
    """The forms of the facilitator's panel share one id prefix, bound or not."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "steer-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class StepForm(SteeringForm):
    step = forms.ChoiceField(
        label=_("Stap"),
        choices=step_choices,
        error_messages={
            "required": _("Kies een stap."),
            "invalid_choice": _("Kies een bouwsteen of vraag uit de lijst."),
        },
    )

    def clean_step(self):
        """Return (block slug, prompt slug or "")."""
        block, _dot, prompt = self.cleaned_data["step"].partition(".")
        return block, prompt


class TimerForm(SteeringForm):
    timer = forms.ChoiceField(
        choices=[
            ("start", _("starten")),
            ("pause", _("pauzeren")),
            ("resume", _("verder")),
            ("add", _("een minuut erbij")),
            ("stop", _("stoppen")),
        ],
        error_messages={"invalid_choice": _("Onbekende knop van de timer.")},
    )
    minutes = forms.IntegerField(
        label=_("Minuten"),
        min_value=1,
        max_value=120,
        required=False,
        error_messages={
            "invalid": _("Vul een aantal minuten in."),
            "min_value": _("Minstens 1 minuut."),
            "max_value": _("Hoogstens 120 minuten."),
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("timer") == "start" and not data.get("minutes"):
            self.add_error("minutes", _("Vul in hoeveel minuten de timer loopt."))
        return data


class VoteForm(forms.ModelForm):
    """Open a dot-vote: on the notes of one prompt, on the ambitions or on the coalitions."""

    class Meta:
        model = Vote
        fields = ["target", "prompt", "dots_per_person", "max_per_item", "hide_results"]
        labels = {
            "target": _("Stemmen over"),
            "prompt": _("Vraag"),
            "dots_per_person": _("Stippen per persoon"),
            "max_per_item": _("Hoogstens op één item"),
            "hide_results": _("Uitslag pas tonen na het sluiten"),
        }
        widgets = {
            "dots_per_person": forms.NumberInput(attrs={"min": 1, "max": MAX_DOTS}),
            "max_per_item": forms.NumberInput(attrs={"min": 1, "max": MAX_DOTS}),
        }
        error_messages = {
            "target": {"invalid_choice": _("Kies een vraag, de ambities of de coalities.")},
            "prompt": {"invalid_choice": _("Kies een vraag van het canvas.")},
            "dots_per_person": {
                "required": _("Vul in hoeveel stippen iedereen krijgt."),
                "invalid": _("Vul een getal in."),
            },
            "max_per_item": {
                "required": _("Vul in hoeveel stippen er op één item mogen."),
                "invalid": _("Vul een getal in."),
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "vote-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = Vote.Target.choices
        self.fields["prompt"].choices = [("", _("— kies een vraag —")), *PROMPT_CHOICES]

    def clean_dots_per_person(self):
        dots = self.cleaned_data["dots_per_person"]
        if not 1 <= dots <= MAX_DOTS:
            raise ValidationError(_("Tussen 1 en %(max)d stippen per persoon.") % {"max": MAX_DOTS})
        return dots

    def clean(self):
        data = super().clean()
        target, dots, most = (
            data.get("target"),
            data.get("dots_per_person"),
            data.get("max_per_item"),
        )
        if target == Vote.Target.PROMPT and not data.get("prompt"):
            self.add_error("prompt", _("Kies de vraag waarvan de notities meedoen."))
        elif target and target != Vote.Target.PROMPT:
            data["prompt"] = ""
        if most is not None and most < 1:
            self.add_error("max_per_item", _("Minstens 1 stip op één item."))
        elif dots and most and most > dots:
            self.add_error(
                "max_per_item",
                _("Niet meer dan de %(dots)d stippen die iedereen heeft.") % {"dots": dots},
            )
        return data


def _vote_initial(workshop):
    """Suggest a vote on what the current step is about."""
    if workshop.step_block == COALITIONS_BLOCK.slug:
        return {"target": Vote.Target.AMBITIONS}
    block = BLOCKS.get(workshop.step_block or IDENTITY.slug)
    prompt = workshop.step_prompt or block.prompts[0].slug
    return {"target": Vote.Target.PROMPT, "prompt": prompt}


def steering_forms(workshop, bound=None):
    """Return the panel's forms for `workshop`; `bound` ({action: form}) shows errors."""
    forms_ = {
        "step": StepForm(initial={"step": step_value(workshop)}),
        "timer": TimerForm(initial={"minutes": 5}),
        "vote": VoteForm(initial=_vote_initial(workshop)),
    }
    forms_.update(bound or {})
    return forms_
