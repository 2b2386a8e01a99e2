"""Reminders to an item's owner before it is due, through the small source interface
(coalitions/digests/reminders.py) that the coalition actions register with."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from coalitions.digests import reminders
from coalitions.digests.models import MailPreference
from networks.models import User


@dataclass
class Item:
    """What an action looks like to the reminders: owner, due date, title."""

    pk: int
    owner: object
    due_date: date
    title: str
    network: str = "Onderwijsregio Rivierenland"

    def get_absolute_url(self):
        return f"/n/voorbeeld/#actie-{self.pk}"


@pytest.fixture
def items(monkeypatch):
    found = []
    monkeypatch.setattr(reminders, "_sources", [])
    reminders.register_source(lambda today: list(found))
    return found


def _send():
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_owner_hears_two_days_before(items, bob):
    today = timezone.localdate()
    items.append(Item(1, bob, today + timedelta(days=2), "Intakegesprekken plannen"))
    _send()
    (message,) = mail.outbox
    assert message.to == [bob.email]
    assert message.subject == "Herinnering: Intakegesprekken plannen"
    assert "“Intakegesprekken plannen” staat op jouw naam" in message.body
    assert "http://127.0.0.1:8000/n/voorbeeld/#actie-1" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_once_per_item_and_due_date(items, bob):
    today = timezone.localdate()
    items.append(Item(1, bob, today + timedelta(days=1), "Plannen"))
    _send()
    _send()
    assert len(mail.outbox) == 1
    items[0].due_date = today + timedelta(days=2)  # moved: a new reminder
    _send()
    assert len(mail.outbox) == 2


def test_not_too_early_and_not_after_the_date(items, bob):
    today = timezone.localdate()
    items.append(Item(1, bob, today + timedelta(days=3), "Te vroeg"))
    items.append(Item(2, bob, today - timedelta(days=1), "Voorbij"))
    _send()
    assert mail.outbox == []


def test_none_to_guests_or_who_turned_them_off(items, bob, db):
    today = timezone.localdate()
    guest = User.objects.create_guest("Gast")
    MailPreference.objects.create(user=bob, reminders=False)
    items.append(Item(1, guest, today, "Gast"))
    items.append(Item(2, bob, today, "Bob"))
    _send()
    assert mail.outbox == []


def test_in_the_owners_language(items, bob):
    MailPreference.objects.create(user=bob, language="en")
    items.append(Item(1, bob, timezone.localdate(), "Plan"))
    _send()
    (message,) = mail.outbox
    # The wording waits for the catalogue; the date is English already.
    assert timezone.localdate().strftime("%B") in message.body
