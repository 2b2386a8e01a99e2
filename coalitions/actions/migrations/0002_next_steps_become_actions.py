from django.db import migrations


def next_steps_become_actions(apps, schema_editor):
    """Copy each coalition's "volgende stap" into its first action: open, given to its
    first trekker (else no one), without a date. The field stays, read-only: from now on
    it is the next open action's title (Coalition.refresh_next_step)."""
    Coalition = apps.get_model("coalitions", "Coalition")
    CoalitionMember = apps.get_model("coalitions", "CoalitionMember")
    Action = apps.get_model("actions", "Action")
    for coalition in Coalition.objects.exclude(next_step="").order_by("id").iterator():
        if Action.objects.filter(coalition=coalition).exists():
            continue  # migrated before
        lead = (
            CoalitionMember.objects.filter(coalition=coalition, role="trekker")
            .order_by("created_at", "id")
            .first()
        )
        Action.objects.create(
            coalition=coalition,
            title=coalition.next_step,
            owner_id=lead.user_id if lead else None,
            status="open",
        )


def actions_become_next_steps(apps, schema_editor):
    # Going back: the field still holds the text; the actions go with their table.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0001_initial"),
    ]

    operations = [migrations.RunPython(next_steps_become_actions, actions_become_next_steps)]
