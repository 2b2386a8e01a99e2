# "Version" means a saved canvas only: a note's edit-conflict counter is its revision.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("canvas", "0006_move_out_workshops_and_versions"),
    ]

    operations = [
        migrations.RenameField(model_name="note", old_name="version", new_name="revision"),
        migrations.AlterField(
            model_name="note",
            name="revision",
            field=models.PositiveIntegerField(default=1, verbose_name="revisie"),
        ),
    ]
