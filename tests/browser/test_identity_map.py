"""The identiteitskaart in a workshop: two phones place words, the projector shows them
live, the facilitator turns a word into a note of the Identiteit block."""

import pytest
from playwright.sync_api import expect

from canvas.identity.models import Placement
from canvas.models import Note
from canvas.workshops.models import Workshop
from networks.models import User
from tests.browser.conftest import wait_until_live
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture
def open_page(asgi_server, browser):
    contexts = []

    def open_page(user, path, viewport):
        context = browser.new_context(viewport=viewport, has_touch=viewport is PHONE)
        contexts.append(context)
        for name, value in session_cookie(user).items():
            context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(f"{asgi_server}{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def test_two_phones_place_words_the_projector_follows_the_facilitator_makes_a_note(
    open_page, network, alice, bob, join_link
):
    Workshop.start(network, alice, "Workshop identiteit")
    guest = User.objects.create_guest("Gijs")
    join_link.admit(guest)
    base = f"/n/{network.slug}/identiteitskaart/"
    projector = open_page(alice, base + "presentatie/", DESKTOP)
    wait_until_live(projector)

    # Phone 1 taps the passie part of the map, then types its word.
    bob_phone = open_page(bob, base, PHONE)
    field = bob_phone.locator('svg.idmap-field[data-part="passie"]')
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    field.tap(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    expect(bob_phone.locator('input[name=part][value="passie"]')).to_be_checked()
    expect(bob_phone.locator("#id_word")).to_be_focused()
    assert 20 <= int(bob_phone.locator("#id_x").input_value()) <= 30
    bob_phone.locator("#id_word").fill("Verbinden")
    bob_phone.get_by_role("button", name="Op de kaart zetten").click()
    expect(bob_phone.locator("#plaatsen [role=status]")).to_contain_text("Verbinden")
    expect(projector.locator(".part-passie svg")).to_contain_text("Verbinden")

    # Phone 2 uses only the form: a wrong word first, then one word.
    gijs_phone = open_page(guest, base, PHONE)
    gijs_phone.get_by_role("radio", name="Opgave").check()
    gijs_phone.locator("#id_word").fill("kansen voor iedereen")
    gijs_phone.locator("#id_x").focus()
    gijs_phone.keyboard.press("ArrowRight")
    gijs_phone.get_by_role("button", name="Op de kaart zetten").click()
    expect(gijs_phone.locator("#word-error")).to_contain_text("zonder spaties")
    gijs_phone.locator("#id_word").fill("Kansengelijkheid")
    gijs_phone.get_by_role("button", name="Op de kaart zetten").click()
    expect(projector.locator(".part-opgave svg")).to_contain_text("Kansengelijkheid")
    expect(projector.locator(".part-passie svg")).to_contain_text("Verbinden")
    placement = Placement.objects.get(author=guest)
    assert (placement.part, placement.x) == ("opgave", 51)

    # The facilitator reads the spread and turns a word into a note.
    facilitator = open_page(alice, base, DESKTOP)
    wait_until_live(facilitator)
    expect(facilitator.locator(".part-opgave .idmap-words")).to_contain_text("Kansengelijkheid")
    facilitator.locator(".part-opgave").get_by_role("button", name="Maak notitie").click()
    expect(facilitator.locator("#kaart [role=status]")).to_contain_text(
        "is een notitie bij Verbinding op positie"
    )
    expect(facilitator.locator(".part-opgave .tag")).to_have_text("notitie")
    note = Note.objects.get(text="Kansengelijkheid")
    assert (note.block, note.prompt) == ("identity", "position")
    board = open_page(bob, f"/n/{network.slug}/", DESKTOP)
    expect(board.locator("#prompt-notes-position")).to_contain_text("Kansengelijkheid")

    projector.screenshot(path="/tmp/shots-idkaart/projector-live.png", full_page=True)
    bob_phone.screenshot(path="/tmp/shots-idkaart/phone-after-placing.png", full_page=True)


def test_a_word_reaches_the_other_phones_with_its_event_and_each_keeps_its_own(
    open_page, network, alice, bob, cora
):
    """Cora placed her word; Bob places his: Cora's map gets it with the event (no
    request) and still marks her own dot and word; Bob's own came with his answer."""
    from canvas.identity.models import IdentityMap

    workshop = Workshop.start(network, alice, "Workshop identiteit")
    IdentityMap.for_workshop(workshop).place(cora, "passie", "Samen", 70, 20)
    base = f"/n/{network.slug}/identiteitskaart/"
    cora_phone, bob_phone = open_page(cora, base, PHONE), open_page(bob, base, PHONE)
    for page in (cora_phone, bob_phone):
        wait_until_live(page)
    asked = []
    cora_phone.on("request", lambda request: request.resource_type == "fetch" and asked.append(1))

    bob_phone.get_by_role("radio", name="Passie").check()
    bob_phone.locator("#id_word").fill("Verbinden")
    bob_phone.get_by_role("button", name="Op de kaart zetten").click()
    expect(bob_phone.locator("#part-passie-mine")).to_contain_text("Verbinden")
    expect(bob_phone.locator(".part-passie .idmap-dot.mine")).to_contain_text("Verbinden")

    expect(cora_phone.locator(".part-passie svg")).to_contain_text("Verbinden")
    expect(cora_phone.locator("#part-passie-mine")).to_contain_text("Samen")
    expect(cora_phone.locator(".part-passie .idmap-dot.mine")).to_have_count(1)
    expect(cora_phone.locator(".part-passie .idmap-dot.mine")).to_contain_text("Samen")
    assert asked == []
