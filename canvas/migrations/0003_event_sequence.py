from django.db import migrations


def create_sequence(apps, schema_editor):
    # Live events are numbered from one sequence, so every server process agrees on ids.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS canvas_event_id")


def drop_sequence(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP SEQUENCE IF EXISTS canvas_event_id")


class Migration(migrations.Migration):
    dependencies = [("canvas", "0002_initial")]

    operations = [migrations.RunPython(create_sequence, drop_sequence, elidable=False)]
