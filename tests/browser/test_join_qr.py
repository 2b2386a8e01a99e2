import pytest
from playwright.sync_api import expect

from networks.models import JoinLink, Membership, User

pytestmark = pytest.mark.browser


def test_a_phone_scans_the_qr_code_and_joins_as_a_guest(
    server, browser, network, alice, sign_in, settings
):
    settings.SITE_URL = server.url
    facilitator = browser.new_context(viewport={"width": 1440, "height": 900})
    sign_in(facilitator, alice)
    projector = facilitator.new_page()
    refused = []
    projector.on(
        "console", lambda m: "Content Security Policy" in m.text and refused.append(m.text)
    )
    projector.goto(f"{server.url}/n/{network.slug}/deelnamecodes/")
    projector.get_by_role("button", name="Nieuwe code maken").click()
    link = JoinLink.objects.get()
    qr = projector.get_by_role("img", name=f"QR-code om mee te doen met code {link.display_code}")
    expect(qr).to_be_visible()
    # Big enough to scan from the back of the room, and no scrolling on the projector.
    box = qr.bounding_box()
    assert box["width"] >= 300 and box["y"] + box["height"] <= 900
    assert refused == []

    # What the camera reads is the link's own address; opening it does not join yet.
    participant = browser.new_context(viewport={"width": 390, "height": 844})
    phone = participant.new_page()
    phone.goto(link.absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Rivierenland")
    assert not User.objects.filter(is_guest=True).exists()
    phone.get_by_label("Je naam").fill("Sanne")
    phone.get_by_role("button", name="Doe mee als gast").click()
    phone.wait_for_url(f"**/n/{network.slug}/")
    assert Membership.objects.get(user__name="Sanne", network=network).join_link == link
    facilitator.close()
    participant.close()
