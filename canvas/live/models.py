from django.db import models


class Payload(models.Model):
    """An event too big for PostgreSQL's NOTIFY, kept a few minutes for the processes to
    read (canvas.live.events: its notification names the row). Unused on SQLite."""

    data = models.TextField()
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "live_payload"
