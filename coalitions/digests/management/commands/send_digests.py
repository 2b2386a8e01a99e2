"""Enqueue the digests and reminders that are due; the task worker sends them.

Run it from cron or a systemd timer, e.g. every day at 07:00 (see the README, "Email").
Running it twice sends nothing twice: each task checks again when it runs.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from coalitions.digests import reminders
from coalitions.digests.models import MailPreference, ReminderSent, due_digests, may_receive_mail
from coalitions.digests.tasks import send_digest, send_reminder


class Command(BaseCommand):
    help = "Zet de overzichten en herinneringen die nu aan de beurt zijn klaar voor de worker."

    def handle(self, *args, **options):
        digests = due_digests()
        for preference in digests:
            send_digest.enqueue(preference.user_id)
        items = self._due_items()
        for item in items:
            network = getattr(item, "network", None)
            url = item.get_absolute_url() if hasattr(item, "get_absolute_url") else ""
            send_reminder.enqueue(
                reminders.key_of(item),
                item.owner.pk,
                str(item.title),
                item.due_date.isoformat(),
                str(network or ""),
                self._absolute(url),
            )
        self.stdout.write(f"{len(digests)} digests, {len(items)} reminders enqueued")

    def _due_items(self):
        """Return the registered sources' items that are due soon and not reminded of yet,
        whose owners may and want to get mail."""
        today = timezone.localdate()
        items = [
            item
            for source in reminders.sources()
            for item in reminders.due_soon(source(today), today)
        ]
        sent = set(
            ReminderSent.objects.filter(key__in=[reminders.key_of(i) for i in items]).values_list(
                "key", flat=True
            )
        )
        return [
            item
            for item in items
            if item.owner is not None
            and may_receive_mail(item.owner)
            and reminders.key_of(item) not in sent
            and MailPreference.of(item.owner).reminders
        ]

    @staticmethod
    def _absolute(url):
        from django.conf import settings

        return settings.SITE_URL.rstrip("/") + url if url.startswith("/") else url
