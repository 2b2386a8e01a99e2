"""An action's owner is reminded by mail before it is due: the actions app registers its
actions with the digests' reminders, and `send_digests` sends one mail per action."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from coalitions.actions.models import Action
from coalitions.digests import reminders
from coalitions.models import Coalition, CoalitionRole


@pytest.fixture
def coalition(network, bob):
    coalition = Coalition.objects.create(network=network, name="Leesbevordering")
    coalition.members.create(user=bob, role=CoalitionRole.LEAD)
    return coalition


def test_the_actions_are_a_source_of_reminders():
    assert Action.due_for_reminders in reminders.sources()


def test_an_owner_hears_of_an_action_due_soon_once(coalition, bob):
    today = timezone.localdate()
    due = Action.objects.create(
        coalition=coalition, title="Boekenlijst maken", owner=bob, due_on=today + timedelta(1)
    )
    Action.objects.create(  # too far ahead, and one that is done
        coalition=coalition, title="Later", owner=bob, due_on=today + timedelta(30)
    )
    Action.objects.create(
        coalition=coalition, title="Klaar", owner=bob, due_on=today, status=Action.Status.DONE
    )
    assert list(Action.due_for_reminders(today)) == [due]
    call_command("send_digests")
    reminded = [m for m in mail.outbox if "Boekenlijst maken" in m.subject]
    assert len(reminded) == 1 and reminded[0].to == [bob.email]
    assert not any("Later" in m.subject or "Klaar" in m.subject for m in mail.outbox)
    call_command("send_digests")
    assert len([m for m in mail.outbox if "Boekenlijst maken" in m.subject]) == 1
