"""Journeys of accounts and joining: a school leader signs up and starts a network; a
guest joins with their school, leads an ambition, and keeps access when the workshop ends.

Each page the journeys build is checked by axe-core at phone and desktop size (the thank-
you page has no row the all-pages check in test_accessibility.py could open it with: only
a guest whose access ended sees it). Screenshots go to $SHOTS_DIR when it is set.
"""

import os
import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from canvas.workshops.models import Workshop
from coalitions.models import Ambition
from networks.models import Membership, Network, User
from tests.browser.conftest import wait_until_live
from tests.browser.test_accessibility import AXE, AXE_RUN, AXE_TAGS

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1440, "height": 900}


def with_axe(context):
    context.add_init_script(script=AXE.read_text(encoding="utf-8"))
    return context


def shoot(page, name):
    """Check the page with axe at phone and desktop size, and save it when SHOTS_DIR says
    where."""
    folder = os.environ.get("SHOTS_DIR")
    size = page.viewport_size
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        violations = page.evaluate(AXE_RUN, AXE_TAGS)
        assert not violations, f"{name} at {label}: {violations}"
        if folder:
            page.screenshot(path=str(Path(folder) / f"{name}-{label}.png"), full_page=True)
    page.set_viewport_size(size)


def _link(message, server):
    """Return the mail's link on the test server (mail links use SITE_URL)."""
    path = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    return server.url + path


def test_a_school_leader_signs_up_confirms_signs_in_and_starts_a_network(server, page, db):
    with_axe(page.context)
    page.goto(server.url + "/account/inloggen/")
    shoot(page, "sign-in")
    page.get_by_role("link", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Account maken")
    page.get_by_role("button", name="Account maken").click()  # empty: said per field
    expect(page.locator("#id_name_error")).to_contain_text("Dit veld is verplicht.")
    shoot(page, "sign-up-errors")
    page.get_by_label("Naam").fill("Sanne de Vries")
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_label("Wachtwoord").fill("scholen-samen-sterk")
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kijk in je e-mail")
    shoot(page, "sign-up-sent")

    [message] = mail.outbox
    assert message.to == ["sanne@example.org"]
    page.goto(_link(message, server))
    expect(page.get_by_role("heading", level=1)).to_have_text("E-mailadres bevestigd")
    shoot(page, "confirmed")
    page.get_by_role("link", name="Inloggen en netwerk starten").click()
    page.get_by_label("E-mailadres").fill("sanne@example.org")
    page.get_by_label("Wachtwoord").fill("scholen-samen-sterk")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuw netwerk")
    page.get_by_label("Naam").fill("Scholen aan de Maas")
    page.get_by_role("button", name="Netwerk aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scholen aan de Maas")
    network = Network.objects.get(name="Scholen aan de Maas")
    sanne = User.objects.get(email="sanne@example.org")
    assert sanne.email_confirmed
    assert network.memberships.get().user == sanne
    page.goto(server.url + "/")
    expect(page.get_by_role("link", name=re.compile("Netwerk starten"))).to_be_visible()


def test_a_guest_joins_with_their_school_leads_and_keeps_access_after_the_end(
    server, browser, network, alice, sign_in
):
    workshop = Workshop.start(network, alice, "Workshop 3 — ambities")
    ambition = Ambition.objects.get(network=network, key="starters")
    school = network.network_actors.select_related("actor").order_by("actor__name").first()

    phone_context = with_axe(browser.new_context(viewport=PHONE))
    phone = phone_context.new_page()
    phone.goto(server.url + workshop.join_link.get_absolute_url())
    phone.get_by_label("Je naam").fill("Gijs")
    phone.get_by_label("Namens welke school of organisatie doe je mee?").first.select_option(
        label=school.actor.name
    )
    shoot(phone, "join-with-school")
    phone.get_by_role("button", name="Doe mee als gast").click()
    phone.wait_for_url(f"**/n/{network.slug}/")
    wait_until_live(phone)
    gijs = User.objects.get(name="Gijs")
    assert Membership.objects.get(user=gijs).actor == school
    phone.locator(f"#commit-{ambition.pk}-meebepalen").click()
    expect(phone.locator(f"#commit-{ambition.pk}-meebepalen")).to_have_attribute(
        "aria-pressed", "true"
    )

    desk_context = with_axe(browser.new_context(viewport=DESKTOP))
    sign_in(desk_context, alice)
    desk = desk_context.new_page()
    desk.goto(f"{server.url}/n/{network.slug}/")
    commitments = desk.locator(f"#commitments-{ambition.pk}")
    commitments.get_by_role("button", name="Coalitie vormen").click()
    card = desk.locator(f"#ambition-{ambition.pk} .coalition-card", has_text="Gijs")
    expect(card).to_contain_text(school.actor.name)  # the school is a core partner
    desk.get_by_text("Workshop beëindigen").click()
    desk.get_by_role("button", name="Ja, beëindig de workshop").click()
    expect(desk.get_by_role("heading", name="Coalities zonder bereikbare trekker")).to_be_visible()
    expect(desk.locator(".out-of-reach")).to_contain_text("Gijs")
    shoot(desk, "summary-out-of-reach")

    # The guest's phone follows the end to the thank-you page, not "Geen toegang".
    expect(phone.get_by_role("heading", level=1)).to_have_text("Bedankt voor het meedoen, Gijs!")
    expect(phone.get_by_text("Workshop 3 — ambities").first).to_be_visible()
    shoot(phone, "thanks")
    phone.get_by_label("E-mailadres").fill("gijs@example.org")
    phone.get_by_role("button", name="Toegang houden").click()
    phone.wait_for_url(f"**/n/{network.slug}/")
    expect(phone.get_by_text("We hebben een mail gestuurd naar gijs@example.org")).to_be_visible()
    gijs.refresh_from_db()
    assert not gijs.is_guest and gijs.email == "gijs@example.org"
    assert [m.to for m in mail.outbox] == [["gijs@example.org"]]
    desk.reload()
    expect(desk.get_by_role("heading", name="Coalities zonder bereikbare trekker")).to_have_count(0)
    phone_context.close()
    desk_context.close()
