import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coalitions.models import Ambition, Coalition, CoalitionMember, CoalitionRole, Commitment
from networks.models import Activity, Actor, NetworkActor
from networks.params import IdsMultipleChoiceField
from networks.revisions import RevisionField, StaleRevision

_TOO_LONG = _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d.")
_MAX_NEW_PARTNERS = 20


def _claim_revision(instance, revision):
    """Take the next revision of a saved item, or raise StaleRevision if someone was first.

    A conditional UPDATE inside the form's transaction: its row lock makes a second save
    from the same revision wait, then find the revision taken.
    """
    # The base manager: every row, deleted or hidden ones too (the form's item is one).
    if (
        not type(instance)
        ._base_manager.filter(pk=instance.pk, revision=revision)
        .update(revision=models.F("revision") + 1)
    ):
        raise StaleRevision
    instance.revision = revision + 1


class RevisionCheckedForm(forms.ModelForm):
    """An edit form that carries the revision it started from (a new item has none)."""

    revision = RevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].required = True
            self.fields["revision"].initial = self.instance.revision


# Dates people plan by: a year back at most (a late action is still fixed), five ahead.
DATE_PAST = datetime.timedelta(days=366)
DATE_FUTURE = datetime.timedelta(days=5 * 366)


def check_date(value, unchanged=None):
    """Refuse a date far from today (a typo such as 1900 or 2202); a date the item
    already had passes, so an old item can still be saved as it is."""
    if value is None or value == unchanged:
        return value
    today = timezone.localdate()
    earliest, latest = today - DATE_PAST, today + DATE_FUTURE
    if not earliest <= value <= latest:
        raise ValidationError(
            _("Kies een datum tussen %(earliest)s en %(latest)s.")
            % {"earliest": date_format(earliest), "latest": date_format(latest)}
        )
    return value


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and shows ISO dates (2027-03-14)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


DATE_ERRORS = {"invalid": _("Vul een datum in, zoals 2027-03-14.")}


def _next_position(queryset):
    last = queryset.aggregate(Max("position"))["position__max"]
    return 0 if last is None else last + 1


class AmbitionForm(RevisionCheckedForm):
    class Meta:
        model = Ambition
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "title": {"required": _("Geef de ambitie een titel."), "max_length": _TOO_LONG},
            "description": {"max_length": _TOO_LONG},
        }

    def __init__(self, *args, network, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["title"].widget.attrs["autofocus"] = True
        # The log's "before", taken before validating writes the posted fields into it.
        self.before = self._snapshot(self.instance) if self.instance.pk else None

    @staticmethod
    def _snapshot(ambition):
        return {"title": ambition.title, "description": ambition.description}

    def clean_title(self):
        title = self.cleaned_data["title"]
        # Among the ambitions everyone reads: a hidden one holds no title until the reveal.
        same = Ambition.objects.filter(network=self.network, title__iexact=title)
        if same.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Dit netwerk heeft al een ambitie met deze titel."))
        return title

    @transaction.atomic
    def save(self, *, by, hidden=False):
        """Save the ambition, added or edited by `by`; raise StaleRevision (and change
        nothing) if someone saved a newer one meanwhile. A new `hidden` ambition (silent
        writing) is its author's alone until the reveal."""
        ambition = super().save(commit=False)
        if ambition.pk is None:
            ambition.network = self.network
            ambition.key = Ambition.unique_key(self.network, ambition.title)
            ambition.position = _next_position(self.network.ambitions.all())
            ambition.created_by = by
            ambition.hidden = hidden
        else:
            _claim_revision(ambition, self.cleaned_data["revision"])
        ambition.save()
        if self.before is None:
            ambition.log(by, "ambition.added")
        else:
            ambition.log(by, "ambition.edited", before=self.before, after=self._snapshot(ambition))
        return ambition


class CoalitionForm(RevisionCheckedForm):
    new_partners = forms.CharField(
        label=_("Nieuwe partners buiten het netwerk"),
        help_text=_(
            "Eén organisatie per regel. Ze komen bij de actoren van het netwerk, "
            "als partij buiten het netwerk."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    class Meta:
        model = Coalition
        fields = [
            "name",
            "work_form",
            "ambition",
            "core_partners",
            "new_partners",
            "target_group",
            "status",
            "character",
            "starts_on",
            "ends_on",
            "delivered",
            "learned",
        ]
        widgets = {
            "core_partners": forms.CheckboxSelectMultiple,
            "status": forms.RadioSelect,
            "character": forms.RadioSelect,
            "starts_on": DateInput,
            "ends_on": DateInput,
            "delivered": forms.Textarea(attrs={"rows": 2}),
            "learned": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "delivered": _("Als de coalitie is afgerond: wat heeft ze opgeleverd?"),
            "learned": _("Als de coalitie is afgerond: wat hebben jullie geleerd?"),
        }
        field_classes = {"core_partners": IdsMultipleChoiceField}
        error_messages = {
            "name": {"required": _("Geef de coalitie een naam."), "max_length": _TOO_LONG},
            "work_form": {"invalid_choice": _("Kies een werkvorm uit de lijst.")},
            "ambition": {"invalid_choice": _("Kies een ambitie van dit netwerk.")},
            "core_partners": {
                "invalid_choice": _("Kies kernpartners uit de actoren van dit netwerk."),
                "invalid_pk_value": _("Kies kernpartners uit de actoren van dit netwerk."),
            },
            "target_group": {"max_length": _TOO_LONG},
            "status": {
                "required": _("Kies een status."),
                "invalid_choice": _("Kies idee, actief of afgerond."),
            },
            "character": {"invalid_choice": _("Kies resultaat of kennis delen.")},
            "starts_on": DATE_ERRORS,
            "ends_on": DATE_ERRORS,
            "delivered": {"max_length": _TOO_LONG},
            "learned": {"max_length": _TOO_LONG},
        }

    def __init__(self, *args, network, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["name"].widget.attrs["autofocus"] = True
        self.fields["work_form"].choices = [
            ("", _("— nog niet gekozen —")),
            *Coalition.WorkForm.choices,
        ]
        self.fields["character"].choices = [
            ("", _("nog niet gekozen")),
            *Coalition.Character.choices,
        ]
        self.fields["ambition"].queryset = network.ambitions.order_by("position", "id")
        self.fields["ambition"].empty_label = _("— nog geen gedeelde ambitie —")
        self.fields["core_partners"].queryset = network.network_actors.select_related(
            "actor"
        ).order_by("actor__name")
        # The log's "before", taken before validating writes the posted fields into it.
        self.before = self.instance.snapshot() if self.instance.pk else None

    def clean_name(self):
        name = self.cleaned_data["name"]
        same = Coalition.objects.filter(network=self.network, name__iexact=name)
        if same.exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Dit netwerk heeft al een coalitie met deze naam."))
        return name

    def clean_starts_on(self):
        return check_date(self.cleaned_data["starts_on"], self.initial.get("starts_on"))

    def clean_ends_on(self):
        return check_date(self.cleaned_data["ends_on"], self.initial.get("ends_on"))

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("Het einde ligt vóór de start."))
        return cleaned

    def clean_new_partners(self):
        names, seen = [], set()
        limit = Actor._meta.get_field("name").max_length
        for line in self.cleaned_data["new_partners"].splitlines():
            name = " ".join(line.split())
            if not name or name.casefold() in seen:
                continue
            if len(name) > limit:
                raise ValidationError(
                    _("“%(name)s…” is te lang: hoogstens %(limit)d tekens per naam.")
                    % {"name": name[:40], "limit": limit}
                )
            seen.add(name.casefold())
            names.append(name)
        if len(names) > _MAX_NEW_PARTNERS:
            raise ValidationError(
                _("Hoogstens %(max)d nieuwe partners tegelijk.") % {"max": _MAX_NEW_PARTNERS}
            )
        return names

    @transaction.atomic
    def save(self, *, by):
        """Save the coalition, added or edited by `by`; a new one gets `by` as its trekker.

        Raise StaleRevision (and change nothing) if someone saved a newer one meanwhile.
        """
        coalition = super().save(commit=False)
        created = coalition.pk is None
        if created:
            coalition.network = self.network
            coalition.position = _next_position(self.network.coalitions.all())
        else:
            _claim_revision(coalition, self.cleaned_data["revision"])
        coalition.save()
        self.save_m2m()
        for name in self.cleaned_data["new_partners"]:
            coalition.core_partners.add(NetworkActor.find_or_add(self.network, name))
        if created:
            CoalitionMember.objects.create(coalition=coalition, user=by, role=CoalitionRole.LEAD)
            Activity.record(
                self.network,
                by,
                "coalition.added",
                subject=coalition.name,
                after=coalition.snapshot(),
            )
        else:
            Activity.record(
                self.network,
                by,
                "coalition.edited",
                subject=coalition.name,
                before=self.before,
                after=coalition.snapshot(),
            )
        return coalition


class ParticipationForm(forms.Form):
    """A person's own choice for a coalition: take part, be kept informed, or leave."""

    LEAVE = "weg"
    choice = forms.ChoiceField(
        choices=[
            (CoalitionRole.MEMBER, _("Ik doe mee")),
            (CoalitionRole.INFORMED, _("Houd me op de hoogte")),
            (LEAVE, _("Ik doe niet meer mee")),
        ],
        error_messages={"invalid_choice": _("Kies meedoen, op de hoogte blijven of stoppen.")},
    )


class CommitmentForm(forms.Form):
    """How a person wants to be involved in an ambition (the same level again takes it back)."""

    level = forms.ChoiceField(
        choices=Commitment.Level.choices,
        error_messages={
            "required": _("Kies weten, meedenken, meedoen of meebepalen."),
            "invalid_choice": _("Kies weten, meedenken, meedoen of meebepalen."),
        },
    )


class LeadForm(forms.Form):
    """Make someone in the coalition trekker, or a trekker back someone who takes part."""

    member = forms.ModelChoiceField(
        queryset=CoalitionMember.objects.none(),
        error_messages={
            "required": _("Kies wie trekker wordt."),
            "invalid_choice": _("Die persoon zit (niet meer) in deze coalitie."),
        },
    )
    role = forms.ChoiceField(
        choices=[
            (CoalitionRole.LEAD, _("trekker")),
            (CoalitionRole.MEMBER, _("doet mee")),
        ],
        error_messages={
            "required": _("Kies trekker of meedoen."),
            "invalid_choice": _("Kies trekker of meedoen."),
        },
    )

    def __init__(self, *args, coalition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = coalition.members.select_related("user")

    def first_error(self):
        return next(iter(self.errors.values()))[0]
