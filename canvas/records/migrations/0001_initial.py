"""CanvasVersion, moved here from the canvas app: its table and rows stay as they were."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def keep_content_types(apps, schema_editor):
    # Keep the content types (and so permissions and admin history) of the moved models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="canvas", model__in=['canvasversion']).update(app_label="records")


def keep_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="records", model__in=['canvasversion']).update(app_label="canvas")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('networks', '0006_move_out_insights'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (db_table): only Django's idea of the models moves.
            state_operations=[
                migrations.CreateModel(
                    name='CanvasVersion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('label', models.CharField(max_length=200, verbose_name='naam')),
                        ('kind', models.CharField(choices=[('saved', 'opgeslagen'), ('automatic', 'automatisch bewaard'), ('imported', 'geïmporteerd')], default='saved', max_length=20, verbose_name='soort')),
                        ('document', models.JSONField(verbose_name='document')),
                        ('summary', models.JSONField(blank=True, default=dict, verbose_name='inhoud')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='opgeslagen op')),
                        ('created_by_name', models.CharField(blank=True, max_length=200, verbose_name='naam')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='canvas_versions', to=settings.AUTH_USER_MODEL, verbose_name='opgeslagen door')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='networks.network', verbose_name='netwerk')),
                    ],
                    options={
                        'verbose_name': 'versie van het canvas',
                        'verbose_name_plural': 'versies van het canvas',
                        'db_table': 'canvas_canvasversion',
                        'ordering': ['-created_at', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['saved', 'automatic', 'imported'])), name='canvas_version_valid_kind')],
                    },
                ),
            ],
            database_operations=[migrations.RunPython(keep_content_types, keep_content_types_back)],
        ),
    ]
