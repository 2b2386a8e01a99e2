import django.db.models.deletion
from django.db import migrations, models


def remember_formed_coalitions(apps, schema_editor):
    """Find the coalitions "Coalitie vormen" made before this field, by the activity log's
    "coalition.formed" lines (its coalition's name and its ambition's title), so pressing
    it again after the upgrade updates them rather than making a duplicate."""
    Activity = apps.get_model("networks", "Activity")
    Coalition = apps.get_model("coalitions", "Coalition")
    for entry in Activity.objects.filter(kind="coalition.formed").order_by("id"):
        params = entry.params or {}
        coalition = (
            Coalition.objects.filter(
                network_id=entry.network_id,
                name=params.get("subject"),
                ambition__title=params.get("ambition"),
                formed_from__isnull=True,
            )
            .order_by("id")
            .first()
        )
        if coalition is not None:
            coalition.formed_from_id = coalition.ambition_id
            coalition.save(update_fields=["formed_from"])


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0006_revision"),
        ("networks", "0007_activity_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="coalition",
            name="formed_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="formed_coalitions",
                to="coalitions.ambition",
                verbose_name="gevormd uit ambitie",
            ),
        ),
        migrations.RunPython(remember_formed_coalitions, migrations.RunPython.noop),
    ]
