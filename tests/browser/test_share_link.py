"""A coordinator makes a read-only link; a board member of a partner organisation opens it
on a phone, reads the canvas, and finds nothing to change. Revoked, it shows nothing."""

import pytest
from playwright.sync_api import expect

from canvas.sharing.models import ShareLink

pytestmark = pytest.mark.browser


def test_a_read_only_link_from_making_to_revoking(
    server, browser, network, cora, sign_in, settings
):
    settings.SITE_URL = server.url
    coordinator = browser.new_context(viewport={"width": 1440, "height": 900})
    sign_in(coordinator, cora)
    page = coordinator.new_page()
    page.goto(f"{server.url}/n/{network.slug}/leeslinks/")
    page.get_by_label("Voor wie (alleen voor jezelf, om de link te herkennen)").fill("Bestuur")
    page.get_by_label("een week").check()
    page.get_by_role("button", name="Leeslink maken").click()
    expect(page.get_by_role("status")).to_contain_text("De leeslink is gemaakt")
    link = ShareLink.objects.get()
    address = page.get_by_label("Link “Bestuur” om te kopiëren")
    expect(address).to_have_value(link.absolute_url())

    board_member = browser.new_context(viewport={"width": 390, "height": 844})
    phone = board_member.new_page()
    response = phone.goto(link.absolute_url())
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(phone.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Rivierenland")
    expect(phone.get_by_text("Zij-instroom Rivierenland").first).to_be_visible()
    main = phone.locator("main")
    expect(main.locator("form, textarea, input, [hx-post]")).to_have_count(0)

    page.get_by_role("button", name="Intrekken — Bestuur").click()
    expect(page.get_by_role("status")).to_contain_text("ingetrokken")
    response = phone.reload()
    assert response.status == 410
    expect(phone.get_by_role("heading", level=1)).to_have_text("Deze link werkt niet meer")
    coordinator.close()
    board_member.close()
