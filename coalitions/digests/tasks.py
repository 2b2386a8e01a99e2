"""The mails themselves, as tasks: the worker sends them (see the README, "Email")."""

import email.policy
from datetime import date

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation

from coalitions.digests.models import (
    MailKind,
    MailPreference,
    ReminderSent,
    digest_for,
    may_receive_mail,
)


class _ListMessage(EmailMessage):
    """A mail whose List-Unsubscribe header stays one line.

    The header is one long URL without spaces: folded at 78 columns, Python writes it as
    encoded-words (=?utf-8?q?…), which mail programs do not read as a link. Headers are
    written on lines of up to 998 characters (RFC 5322's limit); the body was encoded
    before, as for any mail.
    """

    def message(self, *, policy=email.policy.default):
        message = super().message(policy=policy)
        message.policy = message.policy.clone(max_line_length=998)
        return message


def _send(preference, kind, subject, template, context):
    """Send one mail to the preference's person, with a one-click unsubscribe for `kind`.

    RFC 8058: List-Unsubscribe names the link, List-Unsubscribe-Post says a POST to it
    unsubscribes without a further click (mail programs show it as a button).
    """
    url = preference.unsubscribe_url(kind)
    body = render_to_string(template, {**context, "unsubscribe": url, "user": preference.user})
    message = _ListMessage(
        subject.strip(),
        body,
        to=[preference.user.email],
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.send()


@task
def send_digest(user_id):
    """Send `user_id` their digest if it is due, and move its start on.

    The preference is locked meanwhile, so two runs of `send_digests` before the worker
    came by send one mail, not two; a mail that fails leaves the digest due.
    """
    with transaction.atomic():
        preference = (
            MailPreference.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id)
            .first()
        )
        now = timezone.now()
        if preference is None or not preference.digest_is_due(now):
            return 0
        if not may_receive_mail(preference.user):
            return 0
        with translation.override(preference.mail_language):
            networks = digest_for(preference.user, preference.digest_since(now), now)
            if networks:
                subject = translation.gettext("Nieuws uit je coalities")
                _send(
                    preference,
                    MailKind.DIGEST,
                    subject,
                    "digests/email/digest.txt",
                    {"networks": networks, "preference": preference},
                )
        preference.digest_until = now
        preference.save(update_fields=["digest_until"])
        return sum(len(network.entries) for network in networks)


@task
def send_reminder(key, user_id, title, due_on, network_name="", url=""):
    """Remind `user_id` that `title` is due on `due_on` (ISO date), once per `key`."""
    preference = MailPreference.objects.select_related("user").filter(user_id=user_id).first()
    if preference is None or not preference.reminders or not may_receive_mail(preference.user):
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(key=key, user=preference.user)
            with translation.override(preference.mail_language):
                subject = translation.gettext("Herinnering: %(title)s") % {"title": title}
                _send(
                    preference,
                    MailKind.REMINDER,
                    subject,
                    "digests/email/reminder.txt",
                    {
                        "title": title,
                        "due_on": date.fromisoformat(due_on),
                        "network_name": network_name,
                        "url": url,
                    },
                )
    except IntegrityError:
        return False  # sent before
    return True
