"""Workshop, Vote and Dot, moved here from the canvas app: their tables and rows stay."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def keep_content_types(apps, schema_editor):
    # Keep the content types (and so permissions and admin history) of the moved models.
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="canvas", model__in=['workshop', 'vote', 'dot']).update(app_label="workshops")


def keep_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="workshops", model__in=['workshop', 'vote', 'dot']).update(app_label="canvas")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('canvas', '0006_move_out_workshops_and_versions'),
        ('coalitions', '0005_soft_delete'),
        ('networks', '0006_move_out_insights'),
        ('records', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay where they are (db_table): only Django's idea of the models moves.
            state_operations=[
                migrations.CreateModel(
                    name='Workshop',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='titel')),
                        ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='begonnen')),
                        ('ended_at', models.DateTimeField(blank=True, null=True, verbose_name='beëindigd')),
                        ('step_block', models.CharField(blank=True, choices=[('identity', 'Identiteit'), ('rules', 'Spelregels'), ('organisation', 'Organisatie'), ('leadership', 'Regie en leiderschap'), ('coalitions', 'Coalities')], max_length=20, verbose_name='stap: bouwsteen')),
                        ('step_prompt', models.CharField(blank=True, choices=[('passion', 'Verbinding op passie'), ('ambition', 'Verbinding op ambitie'), ('position', 'Verbinding op positie'), ('style', 'Verbinding op stijl'), ('decisions', 'Besluiten'), ('give_take', 'Halen en brengen'), ('conflicts', 'Conflicten en issues'), ('accountability', 'Verantwoording'), ('monitoring', 'Monitoren en sanctioneren'), ('membership', 'In- en uittreding'), ('coalitions', 'Deelname aan coalities'), ('participants', 'Wie doen mee?'), ('structure', 'Hoe richten we het in?'), ('resources', 'Met welke middelen?'), ('places', 'Waar gebeurt het?'), ('care', 'Zorg voor het netwerk'), ('direction', 'Vorm van regie'), ('granted_leadership', 'Gegund leiderschap'), ('portfolio', 'Portfoliomanagement'), ('coherence', 'Samenhang')], max_length=30, verbose_name='stap: vraag')),
                        ('step_changed_at', models.DateTimeField(blank=True, null=True, verbose_name='stap: gekozen op')),
                        ('timer_seconds', models.PositiveIntegerField(default=0, verbose_name='timer: ingesteld (s)')),
                        ('timer_left', models.PositiveIntegerField(default=0, verbose_name='timer: resterend (s)')),
                        ('timer_started_at', models.DateTimeField(blank=True, null=True, verbose_name='timer: loopt sinds')),
                        ('silent', models.BooleanField(default=False, verbose_name='stil schrijven')),
                        ('reveal_names', models.BooleanField(default=True, verbose_name='onthullen met namen')),
                        ('join_link', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='workshops', to='networks.joinlink', verbose_name='deelnamelink')),
                        ('network', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='workshops', to='networks.network', verbose_name='netwerk')),
                        ('started_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gestart door')),
                        ('version', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='records.canvasversion', verbose_name='versie')),
                    ],
                    options={
                        'verbose_name': 'workshop',
                        'verbose_name_plural': 'workshops',
                        'db_table': 'canvas_workshop',
                        'ordering': ['network', '-started_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='Vote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target', models.CharField(choices=[('prompt', 'de notities bij een vraag'), ('ambitions', 'de ambities'), ('coalitions', 'de coalities')], max_length=20, verbose_name='waarover')),
                        ('prompt', models.CharField(blank=True, choices=[('passion', 'Verbinding op passie'), ('ambition', 'Verbinding op ambitie'), ('position', 'Verbinding op positie'), ('style', 'Verbinding op stijl'), ('decisions', 'Besluiten'), ('give_take', 'Halen en brengen'), ('conflicts', 'Conflicten en issues'), ('accountability', 'Verantwoording'), ('monitoring', 'Monitoren en sanctioneren'), ('membership', 'In- en uittreding'), ('coalitions', 'Deelname aan coalities'), ('participants', 'Wie doen mee?'), ('structure', 'Hoe richten we het in?'), ('resources', 'Met welke middelen?'), ('places', 'Waar gebeurt het?'), ('care', 'Zorg voor het netwerk'), ('direction', 'Vorm van regie'), ('granted_leadership', 'Gegund leiderschap'), ('portfolio', 'Portfoliomanagement'), ('coherence', 'Samenhang')], max_length=30, verbose_name='vraag')),
                        ('dots_per_person', models.PositiveSmallIntegerField(default=3, verbose_name='stippen per persoon')),
                        ('max_per_item', models.PositiveSmallIntegerField(default=2, verbose_name='hoogstens op één item')),
                        ('hide_results', models.BooleanField(default=True, verbose_name='uitslag verborgen tot het sluiten')),
                        ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='geopend')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='gesloten')),
                        ('workshop', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='votes', to='workshops.workshop', verbose_name='workshop')),
                    ],
                    options={
                        'verbose_name': 'stemming',
                        'verbose_name_plural': 'stemmingen',
                        'db_table': 'canvas_vote',
                        'ordering': ['workshop', 'opened_at', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Dot',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('count', models.PositiveSmallIntegerField(default=1, verbose_name='stippen')),
                        ('ambition', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.ambition')),
                        ('coalition', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='coalitions.coalition')),
                        ('note', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='canvas.note')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='persoon')),
                        ('vote', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='dots', to='workshops.vote', verbose_name='stemming')),
                    ],
                    options={
                        'verbose_name': 'stip',
                        'verbose_name_plural': 'stippen',
                        'db_table': 'canvas_dot',
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('ambition__isnull', True), ('coalition__isnull', True), ('note__isnull', False)), models.Q(('ambition__isnull', False), ('coalition__isnull', True), ('note__isnull', True)), models.Q(('ambition__isnull', True), ('coalition__isnull', False), ('note__isnull', True)), _connector='OR'), name='canvas_dot_one_item'), models.CheckConstraint(condition=models.Q(('count__gte', 1)), name='canvas_dot_count_positive'), models.UniqueConstraint(fields=('vote', 'user', 'note'), name='canvas_dot_once_per_note'), models.UniqueConstraint(fields=('vote', 'user', 'ambition'), name='canvas_dot_once_per_ambition'), models.UniqueConstraint(fields=('vote', 'user', 'coalition'), name='canvas_dot_once_per_coalition')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='workshop',
                    constraint=models.UniqueConstraint(condition=models.Q(('ended_at__isnull', True)), fields=('network',), name='canvas_workshop_one_running_per_network'),
                ),
                migrations.AddConstraint(
                    model_name='workshop',
                    constraint=models.CheckConstraint(condition=models.Q(('step_prompt', ''), models.Q(('step_block', 'identity'), ('step_prompt__in', ['passion', 'ambition', 'position', 'style'])), models.Q(('step_block', 'rules'), ('step_prompt__in', ['decisions', 'give_take', 'conflicts', 'accountability', 'monitoring', 'membership', 'coalitions'])), models.Q(('step_block', 'organisation'), ('step_prompt__in', ['participants', 'structure', 'resources', 'places'])), models.Q(('step_block', 'leadership'), ('step_prompt__in', ['care', 'direction', 'granted_leadership', 'portfolio', 'coherence'])), _connector='OR'), name='canvas_workshop_step_prompt_in_block'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.UniqueConstraint(condition=models.Q(('closed_at__isnull', True)), fields=('workshop',), name='canvas_vote_one_open_per_workshop'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('target', 'prompt'), models.Q(('prompt', ''), _negated=True)), models.Q(('target__in', ['ambitions', 'coalitions']), ('prompt', '')), _connector='OR'), name='canvas_vote_prompt_iff_prompt_target'),
                ),
                migrations.AddConstraint(
                    model_name='vote',
                    constraint=models.CheckConstraint(condition=models.Q(('dots_per_person__gte', 1), ('dots_per_person__lte', 20), ('max_per_item__gte', 1), ('max_per_item__lte', models.F('dots_per_person'))), name='canvas_vote_sensible_dots'),
                ),
            ],
            database_operations=[migrations.RunPython(keep_content_types, keep_content_types_back)],
        ),
    ]
