# The activity log says where a note is (its prompt), and logs invitations.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0003_joinlink'),
    ]

    operations = [
        migrations.AddField(
            model_name='activity',
            name='prompt',
            field=models.CharField(blank=True, choices=[('passion', 'Verbinding op passie'), ('ambition', 'Verbinding op ambitie'), ('position', 'Verbinding op positie'), ('style', 'Verbinding op stijl'), ('decisions', 'Besluiten'), ('give_take', 'Halen en brengen'), ('conflicts', 'Conflicten en issues'), ('accountability', 'Verantwoording'), ('monitoring', 'Monitoren en sanctioneren'), ('membership', 'In- en uittreding'), ('coalitions', 'Deelname aan coalities'), ('participants', 'Wie doen mee?'), ('structure', 'Hoe richten we het in?'), ('resources', 'Met welke middelen?'), ('places', 'Waar gebeurt het?'), ('care', 'Zorg voor het netwerk'), ('direction', 'Vorm van regie'), ('granted_leadership', 'Gegund leiderschap'), ('portfolio', 'Portfoliomanagement'), ('coherence', 'Samenhang')], default='', max_length=30, verbose_name='vraag'),
        ),
        migrations.AlterField(
            model_name='activity',
            name='action',
            field=models.CharField(choices=[('created', 'toegevoegd'), ('edited', 'gewijzigd'), ('deleted', 'verwijderd'), ('restored', 'teruggezet'), ('moved', 'verplaatst'), ('joined', 'doet mee'), ('left', 'doet niet meer mee'), ('invited', 'uitgenodigd')], max_length=20, verbose_name='actie'),
        ),
        migrations.AddIndex(
            model_name='activity',
            index=models.Index(fields=['network', '-created_at', '-id'], name='networks_activity_log'),
        ),
    ]
