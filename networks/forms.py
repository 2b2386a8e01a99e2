from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from networks.models import Actor, ActorRole, Network, NetworkActor

_TOO_LONG = _("Hoogstens %(limit_value)d tekens; dit zijn er %(show_value)d.")


class NetworkForm(forms.ModelForm):
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

    def save(self):
        name, kind, role = (self.cleaned_data[key] for key in ("name", "kind", "role"))
        network_actor = self.instance
        if network_actor is None:
            network_actor = NetworkActor.find_or_add(self.network, name, kind=kind, role=role)
        else:
            network_actor.rename(name, kind)
        if network_actor.role != role:
            network_actor.role = role
            network_actor.save(update_fields=["role"])
        return network_actor


def actor_snapshot(network_actor):
    """Return an actor's fields as the activity log keeps them (before → after)."""
    return {
        "name": network_actor.actor.name,
        "kind": network_actor.actor.kind,
        "role": network_actor.role,
    }
