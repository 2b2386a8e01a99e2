"""A member between workshops: opens Mijn coalities, adds an action, marks it done, and
hears by mail what others did in the coalition."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from coalitions.actions.models import Action
from coalitions.digests.models import MailPreference
from coalitions.models import Coalition, CoalitionMember

pytestmark = pytest.mark.browser


def test_a_member_adds_an_action_and_marks_it_done(server, page, network, bob, cora, sign_in):
    coalition = Coalition.objects.filter(network=network).order_by("position").first()
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="lid")
    due = timezone.localdate() + datetime.timedelta(days=5)
    sign_in(page.context, bob)
    page.goto(server.url + "/")
    page.get_by_role("link", name="Mijn coalities").click()
    expect(page.get_by_role("heading", name="Mijn coalities", level=1)).to_be_visible()
    expect(page.get_by_text("Je hebt geen open acties.")).to_be_visible()

    page.get_by_role("link", name=f"Actie toevoegen — {coalition.name}").click()
    form = page.locator("#nieuwe-actie")
    form.get_by_label("Wat").fill("Zaal boeken voor de techniekdag")
    expect(form.get_by_label("Wie")).to_have_value(str(bob.pk))  # oneself, to begin with
    form.get_by_label("Wanneer").fill(due.isoformat())
    form.get_by_role("button", name="Actie toevoegen").click()
    item = page.locator(".action-item", has_text="Zaal boeken voor de techniekdag")
    expect(item).to_contain_text("Bob")
    expect(item).to_contain_text("binnenkort")
    expect(page.locator("#nieuwe-actie").get_by_label("Wat")).to_have_value("")  # a fresh form

    page.get_by_role("link", name="Mijn coalities").click()
    mine = page.locator(".my-actions .action-item", has_text="Zaal boeken voor de techniekdag")
    expect(mine).to_be_visible()
    mine.get_by_role("button", name=re.compile("^Klaar")).click()
    done = page.locator(".my-actions .action-item.action-klaar")
    expect(done).to_contain_text("klaar")
    expect(done.get_by_role("button", name=re.compile("Weer openen"))).to_be_focused()
    action = Action.objects.get(title="Zaal boeken voor de techniekdag")
    assert (action.owner, action.due_on, action.status) == (bob, due, "klaar")
    page.reload()
    expect(page.get_by_text("Je hebt geen open acties.")).to_be_visible()

    # Meanwhile Cora joins the coalition: Bob's digest tells him, not what he did himself.
    MailPreference.objects.update_or_create(
        user=bob, defaults={"digest_until": timezone.now() - datetime.timedelta(days=8)}
    )
    coalition.take_part(cora, "lid")
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115
    (digest,) = [message for message in mail.outbox if message.to == [bob.email]]
    assert digest.subject == "Nieuws uit je coalities"
    assert f"Cora doet mee in de coalitie “{coalition.name}”" in digest.body
    assert "Zaal boeken" not in digest.body  # his own doing
