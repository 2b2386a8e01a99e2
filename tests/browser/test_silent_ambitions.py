"""A silent brainstorm of ambitions in the browser: hidden from others until the reveal,
which reaches every board live (issue 18)."""

import os

import pytest
from playwright.sync_api import expect

from coalitions.models import Ambition
from tests.browser.conftest import wait_until_live
from tests.canvas.workshops import start_workshop

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS_DIR", "")
SECRET = "Elke leraar een maatje"


def test_a_hidden_ambition_until_the_reveal(server, browser, network, alice, bob, sign_in):
    start_workshop(network, alice, silent=True)
    pages = {}
    for name, person, size in (("bob", bob, (390, 844)), ("alice", alice, (1440, 900))):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        sign_in(context, person)
        page = context.new_page()
        page.goto(f"{server.url}/n/{network.slug}/#band")
        wait_until_live(page)
        pages[name] = page
    bob_page, alice_page = pages["bob"], pages["alice"]

    bob_page.locator("#band .band-actions").get_by_role("link", name="Ambitie").click()
    title = bob_page.locator("#ambition-form input[name=title]")
    expect(title).to_be_focused()
    title.fill(SECRET)
    title.press("Enter")
    ambition = bob_page.locator(".lane-hidden")
    expect(ambition).to_contain_text(SECRET)
    expect(ambition).to_contain_text("alleen jij ziet dit")
    pk = Ambition.all_objects.get(title=SECRET).pk
    expect(bob_page.locator(f"#ambition-{pk}-head .text-button")).to_be_focused()
    if SHOTS:
        ambition.scroll_into_view_if_needed()
        bob_page.screenshot(path=f"{SHOTS}/ambition-hidden-phone.png")
    expect(alice_page.locator("#band")).not_to_contain_text(SECRET)

    alice_page.locator("#steer-reveal-form button").click()
    expect(alice_page.locator(f"#ambition-{pk}")).to_contain_text(SECRET)
    expect(bob_page.locator(f"#ambition-{pk}")).not_to_have_class("lane lane-hidden")
    expect(bob_page.locator(f"#ambition-{pk} .commit-levels")).to_be_visible()
    for page in pages.values():
        page.context.close()
