import re

import pytest
from playwright.sync_api import expect

from networks.models import Membership, User

pytestmark = pytest.mark.browser


def test_a_guest_joins_a_workshop_with_the_code_on_the_projector(
    live_server, browser, network, alice, sign_in
):
    facilitator = browser.new_context()
    sign_in(facilitator, alice)
    projector = facilitator.new_page()
    projector.goto(f"{live_server.url}/n/{network.slug}/")
    projector.get_by_role("link", name="Deelnamecodes").click()
    projector.get_by_role("button", name="Nieuwe code maken").click()
    code = projector.locator(".projector-big").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", code)

    participant = browser.new_context(viewport={"width": 390, "height": 844})
    phone = participant.new_page()
    phone.goto(live_server.url + "/")
    phone.get_by_role("textbox", name="Code").fill(code.lower().replace("-", ""))
    phone.get_by_role("button", name="Doe mee").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Rivierenland")
    phone.get_by_label("Je naam").fill("Gijs van Groep 3")
    phone.get_by_role("button", name="Doe mee als gast").click()
    phone.wait_for_url(f"**/n/{network.slug}/")
    expect(phone.get_by_text("Welkom! Je doet mee in Onderwijsregio Rivierenland.")).to_be_visible()
    guest = User.objects.get(name="Gijs van Groep 3")
    assert guest.is_guest
    assert Membership.objects.get(user=guest, network=network).role == "member"

    # The facilitator sees the newcomer among the people, marked as a guest.
    projector.goto(f"{live_server.url}/n/{network.slug}/mensen/")
    row = projector.get_by_role("row", name=re.compile("Gijs van Groep 3"))
    expect(row).to_contain_text("gast")
    facilitator.close()
    participant.close()


def test_a_wrong_code_says_so_next_to_the_field(live_server, page, join_link):
    page.goto(live_server.url + "/")
    page.get_by_role("textbox", name="Code").fill("AAA-AAA")
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code kennen we niet")
