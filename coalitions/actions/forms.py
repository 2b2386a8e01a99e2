from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.actions.models import Action, owners
from coalitions.forms import (
    _TOO_LONG,
    DATE_ERRORS,
    DateInput,
    RevisionCheckedForm,
    _claim_revision,
    check_date,
)
from networks.models import Activity, User


class OwnerField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class ActionForm(RevisionCheckedForm):
    """Add or edit one action of a coalition: wat, wie (someone taking part), wanneer."""

    class Meta:
        model = Action
        fields = ["title", "owner", "due_on", "status"]
        field_classes = {"owner": OwnerField}
        widgets = {"due_on": DateInput, "status": forms.RadioSelect}
        labels = {"title": _("Wat"), "owner": _("Wie"), "due_on": _("Wanneer")}
        help_texts = {"due_on": _("Mag leeg blijven.")}
        error_messages = {
            "title": {"required": _("Schrijf op wat er moet gebeuren."), "max_length": _TOO_LONG},
            "owner": {
                "required": _("Kies wie dit doet."),
                "invalid_choice": _("Kies iemand die meedoet met deze coalitie."),
            },
            "due_on": DATE_ERRORS,
            "status": {
                "required": _("Kies open, bezig of klaar."),
                "invalid_choice": _("Kies open, bezig of klaar."),
            },
        }

    def __init__(self, *args, coalition, user=None, autofocus=True, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.coalition = coalition
        people = owners(coalition)
        self.fields["owner"].queryset = User.objects.filter(pk__in=[p.pk for p in people])
        self.fields["owner"].required = True
        self.fields["owner"].empty_label = _("— kies wie —")
        if autofocus:  # not on a page just opened: it would scroll to the form
            self.fields["title"].widget.attrs["autofocus"] = True
        if not self.instance.pk:
            del self.fields["status"]  # a new action is open
            if user is not None and any(p.pk == user.pk for p in people):
                self.fields["owner"].initial = user.pk
        self.before = self.instance.snapshot() if self.instance.pk else None

    def clean_due_on(self):
        return check_date(self.cleaned_data["due_on"], self.initial.get("due_on"))

    @transaction.atomic
    def save(self, *, by):
        """Save the action, added or edited by `by`; raise StaleRevision (and change
        nothing) if someone saved a newer one meanwhile."""
        action = super().save(commit=False)
        created = action.pk is None
        if created:
            action.coalition = self.coalition
            action.created_by = by
        else:
            _claim_revision(action, self.cleaned_data["revision"])
        if not action.is_done:
            action.done_at = None
        elif action.done_at is None:
            action.done_at = timezone.now()
        action.save()
        self.coalition.refresh_next_step()
        network = self.coalition.network_id
        params = {"subject": action.title, "coalition": self.coalition.name}
        if created:
            Activity.record(network, by, "action.added", **params)
        else:
            Activity.record(
                network, by, "action.edited", before=self.before, after=action.snapshot(), **params
            )
        return action


class StatusForm(forms.Form):
    """Move an action on: open, bezig, klaar (one button each)."""

    status = forms.ChoiceField(
        choices=Action.Status.choices,
        error_messages={
            "required": _("Kies open, bezig of klaar."),
            "invalid_choice": _("Kies open, bezig of klaar."),
        },
    )
