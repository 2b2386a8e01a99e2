"""A screen-reader user hears what the facilitator changes, without losing their place.

The facilitator steers in one browser; a member's board in another says each change in
its polite live region (#workshop-announce), while the member's focus stays where it was.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import wait_until_live
from tests.canvas.workshops import start_workshop
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser


@pytest.fixture
def open_board(asgi_server, browser, network):
    contexts = []

    def open_board(user):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        contexts.append(context)
        for name, value in session_cookie(user).items():
            context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(f"{asgi_server}/n/{network.slug}/")
        wait_until_live(page)
        return page

    yield open_board
    for context in contexts:
        context.close()


def test_a_member_hears_each_change_the_facilitator_makes(open_board, network, alice, bob):
    start_workshop(network, alice)
    facilitator = open_board(alice)
    member = open_board(bob)
    panel = facilitator.locator("#workshop-panel")
    heard = member.locator("#workshop-announce")
    expect(heard).to_have_attribute("aria-live", "polite")
    expect(heard).to_have_text("")  # nothing is said on opening the board
    # The member is about to write: their focus must stay there throughout.
    member.locator("#prompt-notes-passion .add-link").focus()

    panel.get_by_label("Stap").select_option("identity.passion")
    panel.get_by_role("button", name="Ga naar stap").click()
    expect(heard).to_have_text("Nieuwe stap: Verbinding op passie")

    panel.locator("#steer-minutes").fill("5")
    panel.get_by_role("button", name="Start").click()
    expect(heard).to_have_text("De timer loopt.")
    panel.get_by_role("button", name="Pauze").click()
    expect(heard).to_have_text("De timer is gepauzeerd.")

    panel.locator("#steer-silent-form button").click()
    expect(heard).to_have_text("Stil schrijven is aan.")

    # Someone writes during silent writing; the reveal is said as such.
    member.locator("#prompt-notes-passion .add-link").click()
    member.locator("#add-passion-text").fill("Stil geschreven")
    member.locator("#add-passion-text").press("Enter")
    expect(panel.locator("#hidden-total")).to_have_text("1 verborgen notitie")
    member.locator("#add-passion-text").focus()
    panel.get_by_role("button", name="Onthullen").click()
    expect(heard).to_have_text("Stil schrijven is voorbij: alle notities zijn zichtbaar.")

    panel.get_by_text("Stemming openen").click()
    panel.get_by_role("button", name="Open de stemming").click()
    expect(heard).to_have_text(re.compile(r"^Stemmen over .+ is geopend\.$"))
    panel.get_by_role("button", name="Stemming sluiten").click()
    expect(heard).to_have_text("De stemming is gesloten.")

    # Throughout, the member's focus stayed in their own form.
    assert member.evaluate("document.activeElement.id") == "add-passion-text"
