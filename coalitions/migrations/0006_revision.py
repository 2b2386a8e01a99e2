# "Version" means a saved canvas only: the edit-conflict counter of ambitions and
# coalitions is their revision.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("coalitions", "0005_soft_delete"),
    ]

    operations = [
        migrations.RenameField(model_name="ambition", old_name="version", new_name="revision"),
        migrations.AlterField(
            model_name="ambition",
            name="revision",
            field=models.PositiveIntegerField(default=1, verbose_name="revisie"),
        ),
        migrations.RenameField(model_name="coalition", old_name="version", new_name="revision"),
        migrations.AlterField(
            model_name="coalition",
            name="revision",
            field=models.PositiveIntegerField(default=1, verbose_name="revisie"),
        ),
    ]
