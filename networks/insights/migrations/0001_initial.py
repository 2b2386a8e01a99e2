"""Scans, advice answers and dismissed signals, moved here from the networks app."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def keep_content_types(apps, schema_editor):
    # Keep the content types (and so permissions and admin history) of the moved models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="networks", model__in=['scan', 'scanresponse', 'assessment', 'signaldismissal']).update(app_label="insights")


def keep_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="insights", model__in=['scan', 'scanresponse', 'assessment', 'signaldismissal']).update(app_label="networks")


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
                    name='Scan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('kenmerken', 'Zeven kenmerken van een lerend netwerk'), ('samenwerking', 'Samenwerkingsscan in vier perspectieven')], max_length=20, verbose_name='soort scan')),
                        ('opens', models.DateTimeField(default=django.utils.timezone.now, verbose_name='open vanaf')),
                        ('closes', models.DateTimeField(verbose_name='sluit op')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='scans', to='networks.network', verbose_name='netwerk')),
                        ('opened_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='geopend door')),
                    ],
                    options={
                        'verbose_name': 'scan',
                        'verbose_name_plural': 'scans',
                        'db_table': 'networks_scan',
                        'ordering': ['-opens', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='ScanResponse',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('answers', models.JSONField(default=dict, verbose_name='antwoorden')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='ingevuld')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                        ('respondent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='deelnemer')),
                        ('scan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='responses', to='insights.scan', verbose_name='scan')),
                    ],
                    options={
                        'verbose_name': 'antwoord op een scan',
                        'verbose_name_plural': 'antwoorden op scans',
                        'db_table': 'networks_scanresponse',
                    },
                ),
                migrations.CreateModel(
                    name='SignalDismissal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(max_length=40, verbose_name='signaal')),
                        ('fingerprint', models.CharField(max_length=64, verbose_name='situatie')),
                        ('created_at', models.DateTimeField(auto_now=True, verbose_name='weggezet op')),
                        ('dismissed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='weggezet door')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='signal_dismissals', to='networks.network', verbose_name='netwerk')),
                    ],
                    options={
                        'verbose_name': 'weggezet signaal',
                        'verbose_name_plural': 'weggezette signalen',
                        'db_table': 'networks_signaldismissal',
                    },
                ),
                migrations.CreateModel(
                    name='Assessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('purpose', models.CharField(blank=True, choices=[('lerend netwerk', 'lerend netwerk'), ('ketensamenwerking', 'ketensamenwerking'), ('organisatienetwerk', 'organisatienetwerk')], max_length=20, verbose_name='doel')),
                        ('dependence', models.CharField(blank=True, choices=[('lerend netwerk', 'lerend netwerk'), ('ketensamenwerking', 'ketensamenwerking'), ('organisatienetwerk', 'organisatienetwerk')], max_length=20, verbose_name='afhankelijkheid')),
                        ('impact', models.CharField(blank=True, choices=[('lerend netwerk', 'lerend netwerk'), ('ketensamenwerking', 'ketensamenwerking'), ('organisatienetwerk', 'organisatienetwerk')], max_length=20, verbose_name='impact')),
                        ('cohesion', models.CharField(blank=True, choices=[('laag', 'laag'), ('hoog', 'hoog')], max_length=10, verbose_name='sociale cohesie')),
                        ('orientation', models.CharField(blank=True, choices=[('interactie', 'rijke interactie en kennisdeling'), ('doelen', 'concrete doelen en resultaten')], max_length=10, verbose_name='waar het netwerk voor is')),
                        ('factors_discussed', models.JSONField(blank=True, default=list, verbose_name='besproken factoren')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='gewijzigd')),
                        ('network', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='assessment', to='networks.network', verbose_name='netwerk')),
                        ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gewijzigd door')),
                    ],
                    options={
                        'verbose_name': 'advies-antwoorden',
                        'verbose_name_plural': 'advies-antwoorden',
                        'db_table': 'networks_assessment',
                        'constraints': [models.CheckConstraint(condition=models.Q(('cohesion__in', ['', 'laag', 'hoog']), ('orientation__in', ['', 'interactie', 'doelen'])), name='networks_assessment_valid_judgements')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='scan',
                    constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['kenmerken', 'samenwerking'])), name='networks_scan_valid_kind'),
                ),
                migrations.AddConstraint(
                    model_name='scan',
                    constraint=models.CheckConstraint(condition=models.Q(('closes__gte', models.F('opens'))), name='networks_scan_closes_after_opening'),
                ),
                migrations.AddConstraint(
                    model_name='scanresponse',
                    constraint=models.UniqueConstraint(fields=('scan', 'respondent'), name='networks_scanresponse_once_per_person'),
                ),
                migrations.AddConstraint(
                    model_name='signaldismissal',
                    constraint=models.UniqueConstraint(fields=('network', 'code'), name='networks_signaldismissal_once_per_signal'),
                ),
            ],
            database_operations=[migrations.RunPython(keep_content_types, keep_content_types_back)],
        ),
    ]
