
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('networks', '0008_throttle_count'),
    ]

    operations = [
        migrations.AddField(
            model_name='network',
            name='revision',
            field=models.PositiveIntegerField(default=1, verbose_name='revisie'),
        ),
    ]
