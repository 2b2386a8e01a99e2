from datetime import timedelta

from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from networks.accounts.forms import SignUpForm, email_field, name_field
from networks.models import (
    Activity,
    Actor,
    ActorRole,
    JoinLink,
    Membership,
    Network,
    NetworkActor,
    User,
)
from networks.revisions import RevisionField


class OrganisationFields(forms.Form):
    """Which school or organisation someone represents in the network, asked at joining:
    one of the network's actors, or a new name (added to the network's actors).

    The membership keeps it, so "Coalitie vormen" can make it a core partner.
    """

    organisation = forms.TypedChoiceField(
        label=_("Namens welke school of organisatie doe je mee?"),
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )
    new_organisation = forms.CharField(
        label=_("Staat je organisatie er niet bij? Typ de naam"),
        max_length=Actor._meta.get_field("name").max_length,
        required=False,
        error_messages={
            "max_length": _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d.")
        },
    )

    def __init__(self, *args, network, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        # `actors` from the page, when it shows two of these forms: one query for both.
        self.actors = self.actors_of(network) if actors is None else actors
        if self.actors:
            self.fields["organisation"].choices = [("", _("— kies je organisatie —"))] + [
                (pk, actor.actor.name) for pk, actor in self.actors.items()
            ]
        else:
            # Nothing to choose from yet: only the name, under the question itself.
            del self.fields["organisation"]
            self.fields["new_organisation"].label = _(
                "Namens welke school of organisatie doe je mee?"
            )
        # Said once, under the question.
        first = "organisation" if self.actors else "new_organisation"
        self.fields[first].help_text = _(
            "Leeg laten mag, als je niet namens een organisatie meedoet."
        )

    @staticmethod
    def actors_of(network):
        """Return the network's actors to choose from, by id, in the order of their names."""
        return {
            actor.pk: actor
            for actor in network.network_actors.select_related("actor").order_by("actor__name")
        }

    def clean_new_organisation(self):
        return " ".join(self.cleaned_data["new_organisation"].split())

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("organisation") and cleaned.get("new_organisation"):
            self.add_error(
                "new_organisation",
                _("Kies een organisatie uit de lijst of typ een nieuwe naam, niet allebei."),
            )
        return cleaned

    def organisation_actor(self, by):
        """Return the network's actor this person represents (adding a new one), or None."""
        chosen = self.cleaned_data.get("organisation")
        if chosen:
            return self.actors[chosen]
        name = self.cleaned_data.get("new_organisation")
        if not name:
            return None
        existing = next(
            (a for a in self.actors.values() if a.actor.name.casefold() == name.casefold()), None
        )
        if existing is not None:
            return existing
        actor = NetworkActor.find_or_add(self.network, name, role=ActorRole.PARTICIPANT)
        Activity.record(
            self.network, by, "actor.added", subject=actor.actor.name, after=actor_snapshot(actor)
        )
        return actor


class RegisterForm(OrganisationFields, SignUpForm):
    """A new account in one short form, while joining a workshop (signed in at once).

    For an address that already has an account the view makes a guest instead and
    answers the same (see SignUpForm).
    """

    name = name_field()  # the guest form beside it has the autofocus
    field_order = ["name", "email", "password", "organisation", "new_organisation"]

    def save_as_guest(self):
        """Return a guest by the name given, for an address that already has an account.

        The password is hashed all the same: an account is made in about the time of a
        hash, and the answer should take as long as that.
        """
        make_password(self.cleaned_data["password"])
        return User.objects.create_guest(self.cleaned_data["name"])


class JoinForm(OrganisationFields):
    """Someone signed in joins: only which organisation they represent."""


class GuestForm(OrganisationFields):
    field_order = ["name", "organisation", "new_organisation"]
    name = name_field(
        label=_("Je naam"),
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
        help_text=_("Zo staat je naam bij wat je schrijft. Een e-mailadres is niet nodig."),
    )

    def save(self):
        return User.objects.create_guest(self.cleaned_data["name"])


class CodeForm(forms.Form):
    """The code on the projector, typed on the home page."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "placeholder": "K7P-4QX",
                "class": "code-input",
            }
        ),
    )
    # The status a refused code answers with: unknown 404, no longer valid 410.
    status = 200

    def clean_code(self):
        code = JoinLink.normalise_code(self.cleaned_data["code"])
        link = JoinLink.objects.filter(code=code).select_related("network").first()
        if link is None:
            self.status = 404
            raise forms.ValidationError(
                _("Deze code kennen we niet. Kijk nog eens goed naar de code op het scherm."),
                code="unknown",
            )
        if link.revoked_at is not None:
            self.status = 410
            raise forms.ValidationError(
                _("Deze code is ingetrokken. Vraag de facilitator om een nieuwe."),
                code="revoked",
            )
        if link.is_expired:
            self.status = 410
            raise forms.ValidationError(
                _("Deze code is verlopen. Vraag de facilitator om een nieuwe."), code="expired"
            )
        self.link = link
        return code


class JoinLinkForm(forms.Form):
    VALID_FOR = {
        "4h": timedelta(hours=4),
        "1d": timedelta(days=1),
        "7d": timedelta(days=7),
        "30d": timedelta(days=30),
    }
    valid_for = forms.ChoiceField(
        label=_("Geldig"),
        choices=[
            ("4h", _("4 uur (deze bijeenkomst)")),
            ("1d", _("1 dag")),
            ("7d", _("1 week")),
            ("30d", _("30 dagen")),
        ],
        initial="4h",
        help_text=_("Gasten doen mee zolang de code geldig is."),
    )

    def save(self, network, by):
        return JoinLink.create_for(network, by, self.VALID_FOR[self.cleaned_data["valid_for"]])


class MembershipForm(forms.Form):
    """A person's role and organisation in a network, edited by a facilitator.

    `actor_choices` comes from the page, so a page of many people asks the database
    for the network's actors once.
    """

    role = forms.ChoiceField(label=_("Rol"), choices=Membership.Role.choices)
    actor = forms.TypedChoiceField(
        label=_("Organisatie"), coerce=int, empty_value=None, required=False
    )

    def __init__(self, membership, actors, *args, **kwargs):
        self.membership, self.actors = membership, actors
        kwargs.setdefault("prefix", f"m{membership.pk}")
        kwargs.setdefault("initial", {"role": membership.role, "actor": membership.actor_id or ""})
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("— geen —"))] + [
            (actor.pk, actor.actor.name) for actor in actors.values()
        ]

    def save(self, by):
        """Apply the change; a refusal (last facilitator, guest) becomes a form error."""
        try:
            self.membership.change(
                by,
                role=self.cleaned_data["role"],
                actor=self.actors.get(self.cleaned_data["actor"]),
            )
        except forms.ValidationError as error:
            self.add_error("role", error)
            return False
        return True


class InviteForm(forms.Form):
    email = email_field()
    name = name_field(
        required=False, help_text=_("Alleen nodig als deze persoon nog geen account heeft.")
    )
    role = forms.ChoiceField(
        label=_("Rol"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )

    def __init__(self, network, *args, **kwargs):
        self.network = network
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        self.user = User.objects.filter(email__iexact=email).first()
        if self.user and self.user.memberships.filter(network=self.network).exists():
            raise forms.ValidationError(
                _("%(name)s doet al mee in dit netwerk.") % {"name": self.user},
                code="already_member",
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if not getattr(self, "user", None) and "email" in cleaned and not cleaned.get("name"):
            self.add_error(
                "name", _("Vul een naam in: er is nog geen account met dit e-mailadres.")
            )
        return cleaned


class ActivityFilterForm(forms.Form):
    """Narrow the activity log to one person and/or one part of the canvas."""

    person = forms.TypedChoiceField(
        label=_("Persoon"), coerce=int, required=False, empty_value=None
    )
    area = forms.ChoiceField(
        label=_("Onderdeel"),
        choices=[("", _("alle onderdelen")), *Activity.Area.choices],
        required=False,
    )

    def __init__(self, network, reader, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader
        people = network.activities.people(reader).order_by("name")
        self.fields["person"].choices = [("", _("iedereen"))] + [(u.pk, str(u)) for u in people]

    def filter(self, entries):
        if not self.is_bound or not self.is_valid():
            return entries
        if self.cleaned_data["person"]:
            entries = entries.by_person(self.cleaned_data["person"], self.reader)
        if self.cleaned_data["area"]:
            entries = entries.filter(area=self.cleaned_data["area"])
        return entries


# --- Networks and their actors --------------------------------------------------------

_TOO_LONG = _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d.")


class NetworkForm(forms.ModelForm):
    """A new network's name, description and type; or a network's, with its revision."""

    revision = RevisionField()

    class Meta:
        model = Network
        fields = ["name", "description", "network_type"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "name": {"required": _("Geef het netwerk een naam."), "max_length": _TOO_LONG},
            "description": {"max_length": _TOO_LONG},
            "network_type": {
                "invalid_choice": _("Kies lerend netwerk, ketensamenwerking of organisatienetwerk.")
            },
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["network_type"].choices = [
            ("", _("— nog niet gekozen —")),
            *Network.Type.choices,
        ]
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
        else:
            del self.fields["revision"]

    def changes(self):
        """Return the settings as the form has them, to give to Network.change."""
        return {field: self.cleaned_data[field] for field in Network.EDITABLE}


ROLE_CHOICES = [*ActorRole.choices, ("", _("buiten het netwerk (alleen in coalities)"))]


class ActorForm(forms.Form):
    """An organisation in this network: its name and kind (in the register) and its role here."""

    name = forms.CharField(
        label=_("Naam"),
        max_length=Actor._meta.get_field("name").max_length,
        error_messages={"required": _("Geef de naam van de organisatie."), "max_length": _TOO_LONG},
    )
    kind = forms.CharField(
        label=_("Soort"),
        required=False,
        max_length=Actor._meta.get_field("kind").max_length,
        help_text=Actor._meta.get_field("kind").help_text,
        error_messages={"max_length": _TOO_LONG},
    )
    role = forms.ChoiceField(
        label=_("Rol in het netwerk"),
        choices=ROLE_CHOICES,
        initial=ActorRole.PARTICIPANT,
        required=False,
        error_messages={
            "invalid_choice": _("Kies kernpartner, deelnemer, periferie of buiten het netwerk.")
        },
    )

    def __init__(self, *args, network, instance=None, **kwargs):
        # The add form and an edit form share the actors page: distinct ids.
        kwargs.setdefault("auto_id", "add-%s")
        kwargs.setdefault("label_suffix", "")
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {"name": instance.actor.name, "kind": instance.actor.kind, "role": instance.role},
            )
        super().__init__(*args, **kwargs)
        self.network, self.instance = network, instance

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = NetworkActor.objects.filter(network=self.network, actor__name__iexact=name)
        if self.instance is not None:
            same = same.exclude(pk=self.instance.pk)
        if same.exists():
            raise ValidationError(_("Deze organisatie staat al bij de actoren van dit netwerk."))
        return name

    @transaction.atomic
    def save(self, *, by):
        """Add the actor, or change it; `by` is who did it, for the log."""
        name, kind, role = (self.cleaned_data[key] for key in ("name", "kind", "role"))
        network_actor = self.instance
        before = None if network_actor is None else actor_snapshot(network_actor)
        if network_actor is None:
            network_actor = NetworkActor.find_or_add(self.network, name, kind=kind, role=role)
        else:
            network_actor.rename(name, kind)
        if network_actor.role != role:
            network_actor.role = role
            network_actor.save(update_fields=["role"])
        after = actor_snapshot(network_actor)
        if before is None:
            Activity.record(self.network, by, "actor.added", subject=name, after=after)
        else:
            Activity.record(
                self.network, by, "actor.edited", subject=name, before=before, after=after
            )
        return network_actor


def actor_snapshot(network_actor):
    """Return an actor's fields as the activity log keeps them (before → after)."""
    return {
        "name": network_actor.actor.name,
        "kind": network_actor.actor.kind,
        "role": network_actor.role,
    }
