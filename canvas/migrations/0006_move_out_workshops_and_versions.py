"""Workshops, votes, dots and versions moved to their own apps (workshops, records)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('canvas', '0005_workshop'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (db_table): only Django's idea of the models moves.
            state_operations=[
                migrations.RemoveConstraint(
                    model_name='canvasversion',
                    name='canvas_version_valid_kind',
                ),
                migrations.RemoveConstraint(
                    model_name='dot',
                    name='canvas_dot_one_item',
                ),
                migrations.RemoveConstraint(
                    model_name='dot',
                    name='canvas_dot_count_positive',
                ),
                migrations.RemoveConstraint(
                    model_name='dot',
                    name='canvas_dot_once_per_note',
                ),
                migrations.RemoveConstraint(
                    model_name='dot',
                    name='canvas_dot_once_per_ambition',
                ),
                migrations.RemoveConstraint(
                    model_name='dot',
                    name='canvas_dot_once_per_coalition',
                ),
                migrations.RemoveConstraint(
                    model_name='vote',
                    name='canvas_vote_one_open_per_workshop',
                ),
                migrations.RemoveConstraint(
                    model_name='vote',
                    name='canvas_vote_prompt_iff_prompt_target',
                ),
                migrations.RemoveConstraint(
                    model_name='vote',
                    name='canvas_vote_sensible_dots',
                ),
                migrations.RemoveConstraint(
                    model_name='workshop',
                    name='canvas_workshop_one_running_per_network',
                ),
                migrations.RemoveConstraint(
                    model_name='workshop',
                    name='canvas_workshop_step_prompt_in_block',
                ),
                migrations.RemoveField(
                    model_name='canvasversion',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='canvasversion',
                    name='network',
                ),
                migrations.RemoveField(
                    model_name='vote',
                    name='workshop',
                ),
                migrations.RemoveField(
                    model_name='workshop',
                    name='join_link',
                ),
                migrations.RemoveField(
                    model_name='workshop',
                    name='network',
                ),
                migrations.RemoveField(
                    model_name='workshop',
                    name='started_by',
                ),
                migrations.RemoveField(
                    model_name='workshop',
                    name='version',
                ),
                migrations.DeleteModel(
                    name='Dot',
                ),
                migrations.DeleteModel(
                    name='Vote',
                ),
                migrations.DeleteModel(
                    name='CanvasVersion',
                ),
                migrations.DeleteModel(
                    name='Workshop',
                ),
            ],
            database_operations=[],
        ),
    ]
