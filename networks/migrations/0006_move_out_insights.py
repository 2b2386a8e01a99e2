"""Scans, advice answers and dismissed signals moved to their own app (insights)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0005_insights'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (db_table): only Django's idea of the models moves.
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='assessment',
                    name='networks_assessment_valid_judgements',
                ),
                migrations.RemoveConstraint(
                    model_name='scan',
                    name='networks_scan_valid_kind',
                ),
                migrations.RemoveConstraint(
                    model_name='scan',
                    name='networks_scan_closes_after_opening',
                ),
                migrations.RemoveConstraint(
                    model_name='scanresponse',
                    name='networks_scanresponse_once_per_person',
                ),
                migrations.RemoveConstraint(
                    model_name='signaldismissal',
                    name='networks_signaldismissal_once_per_signal',
                ),
                migrations.RemoveField(
                    model_name='scan',
                    name='network',
                ),
                migrations.RemoveField(
                    model_name='scan',
                    name='opened_by',
                ),
                migrations.RemoveField(
                    model_name='scanresponse',
                    name='respondent',
                ),
                migrations.RemoveField(
                    model_name='scanresponse',
                    name='scan',
                ),
                migrations.RemoveField(
                    model_name='signaldismissal',
                    name='dismissed_by',
                ),
                migrations.RemoveField(
                    model_name='signaldismissal',
                    name='network',
                ),
                migrations.DeleteModel(
                    name='Assessment',
                ),
                migrations.DeleteModel(
                    name='Scan',
                ),
                migrations.DeleteModel(
                    name='ScanResponse',
                ),
                migrations.DeleteModel(
                    name='SignalDismissal',
                ),
            ],
            database_operations=[],
        ),
    ]
