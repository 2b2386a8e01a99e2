from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from canvas.models import Cluster, Note
from canvas.prompts import NOTE_BLOCKS, PROMPTS
from networks.revisions import RevisionField


class NoteForm(forms.ModelForm):
    revision = RevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].required = True
            self.fields["revision"].initial = self.instance.revision

    class Meta:
        model = Note
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "data-enter-submits": ""})}
        labels = {"text": _("Notitie")}
        error_messages = {
            "text": {
                "required": _("Schrijf eerst iets op de notitie."),
                "max_length": _(
                    "Een notitie mag hoogstens %(limit_value)d tekens hebben; "
                    "deze heeft er %(show_value)d."
                ),
            }
        }


class MoveForm(forms.Form):
    direction = forms.ChoiceField(
        choices=[("up", _("omhoog")), ("down", _("omlaag"))],
        error_messages={
            "required": _("Kies of de notitie omhoog of omlaag moet."),
            "invalid_choice": _("Kies “omhoog” of “omlaag”."),
        },
    )


class ClusterForm(forms.ModelForm):
    class Meta:
        model = Cluster
        fields = ["name"]
        labels = {"name": _("Naam van de cluster")}
        error_messages = {
            "name": {
                "required": _("Geef de cluster een naam."),
                "max_length": _(
                    "Een clusternaam mag hoogstens %(limit_value)d tekens hebben; "
                    "deze heeft er %(show_value)d."
                ),
            }
        }

    def save_for(self, network, prompt):
        """Make the cluster under `prompt`; on a name it has already, an error on the field."""
        try:
            return Cluster.add(network, prompt, self.cleaned_data["name"])
        except ValidationError as error:
            self.add_error("name", error)
            return None


def move_targets(network, note):
    """Return the choices of where `note` may go: its prompt's clusters and every prompt.

    Values are "cluster-<pk>" or "prompt-<slug>" (the prompt, outside any cluster), so
    one select offers both; anything else, another network's cluster included, is no
    choice and is refused.
    """
    clusters = defaultdict(list)
    for cluster in Cluster.objects.filter(network=network).order_by("position", "id"):
        clusters[cluster.prompt].append(cluster)
    groups = []
    for block in NOTE_BLOCKS:
        options = []
        for prompt in block.prompts:
            options.append((f"prompt-{prompt.slug}", str(prompt.title)))
            options += [
                (f"cluster-{c.pk}", f"{prompt.title} › {c.name}") for c in clusters[prompt.slug]
            ]
        groups.append((str(block.title), options))
    return groups


class MoveToForm(forms.Form):
    """Where a note goes: a cluster of its prompt, or another prompt of the network."""

    target = forms.ChoiceField(
        label=_("Verplaats naar"),
        error_messages={
            "required": _("Kies een vraag of cluster om de notitie naartoe te verplaatsen."),
            "invalid_choice": _("Kies een vraag of cluster van dit netwerk."),
        },
    )
    revision = RevisionField()

    def __init__(self, *args, network, note, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.fields["target"].choices = move_targets(network, note)
        self.fields["revision"].initial = note.revision
        if note.cluster_id:
            self.fields["target"].initial = f"cluster-{note.cluster_id}"
        else:
            self.fields["target"].initial = f"prompt-{note.prompt}"

    def clean_target(self):
        """Return (prompt, cluster or None) of the chosen target."""
        kind, _sep, value = self.cleaned_data["target"].partition("-")
        if kind == "cluster":
            cluster = Cluster.objects.get(network=self.network, pk=value)
            return PROMPTS[cluster.prompt], cluster
        return PROMPTS[value], None


class MergeForm(forms.Form):
    """Which duplicate of the same prompt to take into this note."""

    other = forms.ChoiceField(
        label=_("Samenvoegen met"),
        error_messages={
            "required": _("Kies de notitie om mee samen te voegen."),
            "invalid_choice": _(
                "Kies een notitie bij dezelfde vraag; misschien is ze intussen gewijzigd."
            ),
        },
    )
    revision = RevisionField()

    def __init__(self, *args, note, **kwargs):
        super().__init__(*args, **kwargs)
        # A note still hidden (silent writing) merges with nothing: it would take a
        # revealed note out of everyone's sight.
        others = (
            Note.objects.none()
            if note.hidden
            else (
                Note.objects.revealed()
                .filter(network_id=note.network_id, prompt=note.prompt)
                .exclude(pk=note.pk)
                .order_by("position", "id")
            )
        )
        # The value carries the other note's revision: a duplicate changed since the
        # list was shown is no longer a choice, so no one merges text they did not see.
        self.others = {f"{o.pk}.{o.revision}": o for o in others}
        self.fields["other"].choices = [("", _("— kies een notitie —"))] + [
            (value, Truncator(o.text).chars(80)) for value, o in self.others.items()
        ]
        self.fields["revision"].initial = note.revision

    def clean_other(self):
        return self.others[self.cleaned_data["other"]]
