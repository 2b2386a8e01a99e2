# The activity log stores each entry as its kind and parameters, rendered when read in the
# reader's language (networks/activity.py), instead of an area, an action and a subject
# written in the writer's language. Entries about a hidden note are marked (`hidden`).
#
# Existing rows are converted by `convert`: what the old rows said is mapped to the kind
# that says it truly (a workshop's start was logged as "created the network 'Workshop …
# begonnen'"); what cannot be told apart becomes the kind "legacy", rendered from its
# stored subject and action.

import re

from django.db import migrations, models

NOTE_AREAS = {"identity", "organisation", "leadership"}
SILENT_SUBJECTS = {"verborgen notitie (stil schrijven)", "hidden note (silent writing)"}
WORKSHOP_STARTED = re.compile(r"^Workshop “(?P<title>.*)” (begonnen|started)$", re.S)
WORKSHOP_ENDED = re.compile(r"^Workshop “(?P<title>.*)” (beëindigd|ended)$", re.S)
REVEALED = {"Verborgen notities onthuld", "Hidden notes revealed"}
SCAN = re.compile(
    r"^Scan (“(?P<quoted>.+)” of|(?P<label>.+) van) (?P<d>\d\d)-(?P<m>\d\d)-(?P<y>\d{4})$"
)
SCAN_KINDS = {
    "Zeven kenmerken van een lerend netwerk": "kenmerken",
    "Seven characteristics of a learning network": "kenmerken",
    "Samenwerkingsscan in vier perspectieven": "samenwerking",
    "Cooperation scan in four perspectives": "samenwerking",
}
KEPT = ("Automatisch bewaard vóór", "Saved automatically before")
IMPORTED = ("Geïmporteerd uit", "Imported from")
SIMPLE = {
    ("ambitions", "created"): "ambition.added",
    ("ambitions", "edited"): "ambition.edited",
    ("ambitions", "deleted"): "ambition.deleted",
    ("ambitions", "restored"): "ambition.restored",
    ("ambitions", "left"): "commitment.withdrawn",
    ("coalitions", "created"): "coalition.added",
    ("coalitions", "edited"): "coalition.edited",
    ("coalitions", "deleted"): "coalition.deleted",
    ("coalitions", "restored"): "coalition.restored",
    ("coalitions", "left"): "coalition.left",
    ("actors", "created"): "actor.added",
    ("actors", "edited"): "actor.edited",
    ("versions", "restored"): "version.restored",
}
NOTE_VERBS = {
    "created": "added",
    "edited": "edited",
    "deleted": "deleted",
    "restored": "restored",
    "moved": "moved",
}
PEOPLE = {
    "invited": "person.invited",
    "edited": "person.changed",
    "deleted": "person.removed",
}


def convert(area, action, subject, prompt="", before=None, after=None):
    """Return what an old entry becomes: {kind, area, params, before, after, anonymous}.

    `anonymous` says the entry must lose its name: an entry about a hidden note may have
    been revealed without names since, and the old rows cannot tell.
    """
    new = {"kind": "legacy", "area": area, "before": before, "after": after, "anonymous": False}
    params = {"subject": subject}
    new["params"] = params
    if area in NOTE_AREAS or area == "rules":
        verb = NOTE_VERBS.get(action)
        if verb is None:
            return {**new, "params": {**params, "action": action}}
        if area == "rules" and verb == "edited" and set(after or {}) == {"status"}:
            verb = "agreed" if after["status"] == "afgesproken" else "proposed"
            new["before"] = new["after"] = None
        if verb == "moved":
            params["direction"] = (after or {}).get("direction", "")
            new["after"] = None
        params["prompt"] = prompt
        if subject in SILENT_SUBJECTS:
            del params["subject"]
            params["silent"] = True
            new["anonymous"] = True
        new["kind"] = f"{'rule' if area == 'rules' else 'note'}.{verb}"
        return new
    if (area, action) in SIMPLE:
        new["kind"] = SIMPLE[(area, action)]
        return new
    if (area, action) == ("ambitions", "joined"):
        level = (after or {}).get("betrokkenheid", "")
        return {**new, "kind": "commitment.set", "params": {**params, "level": level}}
    if (area, action) == ("coalitions", "joined"):
        role = (after or {}).get("role", "lid")
        return {**new, "kind": "coalition.joined", "params": {**params, "role": role}}
    if area == "versions" and action == "created":
        kind = "version.saved"
        if subject.startswith(KEPT):
            kind = "version.kept"
        elif subject.startswith(IMPORTED):
            kind = "version.imported"
        return {**new, "kind": kind}
    if area == "people":
        if action == "joined":
            role = (after or {}).get("role", "member")
            return {**new, "kind": "person.joined", "params": {"role": role}}
        if action in PEOPLE:
            person = {"person": subject}
            role = (after or before or {}).get("role") if action != "edited" else None
            if role:
                person["role"] = role
            if action != "edited":
                new["before"] = new["after"] = None
            return {**new, "kind": PEOPLE[action], "params": person}
    if area == "network":
        match = WORKSHOP_STARTED.match(subject) if action == "created" else None
        match = match or (WORKSHOP_ENDED.match(subject) if action == "edited" else None)
        if match:
            kind = "workshop.started" if action == "created" else "workshop.ended"
            return {**new, "kind": kind, "area": "workshops", "params": {"subject": match["title"]}}
        if action == "edited" and subject in REVEALED:
            return {**new, "kind": "workshop.revealed", "area": "workshops", "params": {}}
        match = SCAN.match(subject)
        if match and action in ("created", "edited"):
            label = match["quoted"] or match["label"]
            scan = {"scan": SCAN_KINDS.get(label, label), "date": "{y}-{m}-{d}".format(**match.groupdict())}
            kind = "scan.opened" if action == "created" else "scan.closed"
            return {**new, "kind": kind, "area": "scans", "params": scan}
        if action in ("created", "edited"):
            return {**new, "kind": f"network.{action}"}
    return {**new, "params": {**params, "action": action}}


def convert_rows(apps, schema_editor):
    Activity = apps.get_model("networks", "Activity")
    batch = []
    for entry in Activity.objects.order_by("pk").iterator(chunk_size=500):
        new = convert(
            entry.area, entry.action, entry.subject, entry.prompt, entry.before, entry.after
        )
        entry.kind, entry.area, entry.params = new["kind"], new["area"], new["params"]
        entry.before, entry.after = new["before"], new["after"]
        if new["anonymous"]:
            entry.user, entry.user_name = None, ""
        batch.append(entry)
        if len(batch) == 500:
            _save(Activity, batch)
            batch = []
    _save(Activity, batch)


def _save(Activity, batch):
    fields = ["kind", "area", "params", "before", "after", "user", "user_name"]
    Activity.objects.bulk_update(batch, fields)


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0006_move_out_insights"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="hidden",
            field=models.BooleanField(default=False, verbose_name="over een verborgen notitie"),
        ),
        migrations.AddField(
            model_name="activity",
            name="kind",
            field=models.CharField(default="legacy", max_length=40, verbose_name="soort"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="activity",
            name="params",
            field=models.JSONField(blank=True, default=dict, verbose_name="gegevens"),
        ),
        migrations.RunPython(convert_rows, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="activity", name="action"),
        migrations.RemoveField(model_name="activity", name="prompt"),
        migrations.RemoveField(model_name="activity", name="subject"),
        migrations.AlterField(
            model_name="activity",
            name="area",
            field=models.CharField(
                choices=[
                    ("network", "netwerk"),
                    ("identity", "Identiteit"),
                    ("rules", "Spelregels"),
                    ("organisation", "Organisatie"),
                    ("leadership", "Regie en leiderschap"),
                    ("ambitions", "Ambities"),
                    ("coalitions", "Coalities"),
                    ("actors", "actoren"),
                    ("people", "mensen"),
                    ("versions", "versies"),
                    ("workshops", "workshops"),
                    ("scans", "scans"),
                ],
                max_length=20,
                verbose_name="onderdeel",
            ),
        ),
    ]
