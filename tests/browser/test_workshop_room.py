"""The workshop room: a facilitator steers from the dock, the projector presents the step,
and two phones (a member and a guest) show the step first and write to it.

Set ROOM_SHOTS to a folder to keep a screenshot of each screen at each stage.
"""

import os
import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Workshop
from coalitions.models import Ambition
from networks.models import Membership, User
from tests.canvas.workshops import participant
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("ROOM_SHOTS")


@pytest.fixture
def open_page(asgi_server, browser, network):
    """Return a function that opens a page of the network in a new context, signed in."""
    contexts = []

    def open_page(user, viewport, path=""):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        for name, value in session_cookie(user).items():
            context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(f"{asgi_server}/n/{network.slug}/{path}")
        expect(page.locator("[data-live-board]")).to_have_attribute("data-live-open", "")
        return page

    yield open_page
    for context in contexts:
        context.close()


def _shoot(pages, stage):
    if SHOTS:
        for name, page in pages.items():
            page.screenshot(path=os.path.join(SHOTS, f"{stage}-{name}.png"))


def _in_view(page, locator):
    """Return whether `locator` lies wholly within the page's viewport."""
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def test_a_workshop_room_facilitator_projector_and_two_phones(open_page, network, alice):
    member = participant(network, "Lotte")
    workshop = Workshop.start(network, alice, "Workshop 2 — identiteit en ambities")
    guest = User.objects.create_guest("Gijs")
    Membership.objects.create(
        network=network, user=guest, role=Membership.Role.MEMBER, join_link=workshop.join_link
    )
    # Enough notes that the old projector showed the 7th below the fold at 1440×900.
    for i in range(9):
        Note.add(network, PROMPTS["passion"], f"Gedeelde passie nummer {i + 1}", member)

    facilitator = open_page(alice, (1440, 900))
    projector = open_page(alice, (1280, 720), "presentatie/")
    wide = open_page(alice, (1920, 1080), "presentatie/")  # the other usual projector
    phone = open_page(member, (390, 844))
    guest_phone = open_page(guest, (390, 844))
    pages = {"facilitator": facilitator, "projector": projector, "projector-1920": wide}
    pages |= {"phone": phone, "guest": guest_phone}
    dock = facilitator.locator("#workshop-panel")
    code = workshop.join_link.display_code

    # Before the first step: the projector shows the canvas, the code and its QR code,
    # at the address this server runs at (not SITE_URL's port 8000).
    expect(projector.locator("h1")).to_have_text(network.name)
    expect(projector.locator(".podium-code")).to_have_text(code)
    expect(projector.locator(".podium-qr svg")).to_be_visible()
    host = facilitator.url.split("//", 1)[1].split("/", 1)[0]
    expect(projector.locator(".podium-join")).to_contain_text(f"{host}/code/")
    _shoot(pages, "0-welkom")

    # "Volgende stap" walks the usual order: Identiteit, then its first prompt.
    dock.get_by_role("button", name=re.compile("^Identiteit")).click()
    expect(projector.locator("h1")).to_have_text("Identiteit")
    expect(dock.locator(".steer-next button")).to_contain_text("Verbinding op passie")
    dock.locator(".steer-next button").press("Enter")  # the focus stayed on it: the keyboard
    expect(projector.locator("h1")).to_have_text("Verbinding op passie")
    question = "Welk gedeeld thema geeft ons energie?"
    expect(projector.locator(".podium-question")).to_have_text(question)
    expect(dock.locator(".steer-next button")).to_contain_text("Verbinding op ambitie")

    # The projector: every note of the step on one 1280×720 screen, and the code beside.
    notes = projector.locator("#prompt-notes-passion .note")
    expect(notes).to_have_count(9 + 2)  # the example network's two, and nine more
    assert _in_view(projector, notes.last)
    assert _in_view(projector, projector.locator(".podium-code"))
    assert projector.evaluate("document.documentElement.scrollHeight") <= 720
    expect(wide.locator("#prompt-notes-passion .note")).to_have_count(11)
    assert _in_view(wide, wide.locator("#prompt-notes-passion .note").last)
    assert _in_view(wide, wide.locator(".podium-qr svg"))
    assert wide.evaluate("document.documentElement.scrollHeight") <= 1080

    # Both phones: the question and "+ Notitie toevoegen" in the first screen.
    for page in (phone, guest_phone):
        card = page.locator("#step-card")
        expect(card.locator("h2")).to_have_text("Verbinding op passie")
        expect(card).to_contain_text("Welk gedeeld thema geeft ons energie?")
        add = card.get_by_role("link", name="Notitie toevoegen")
        expect(add).to_be_visible()
        page.wait_for_timeout(600)  # the smooth scroll that brings the card into view
        assert _in_view(page, add)
    _shoot(pages, "1-stap")

    # The guest writes from the card; the projector shows the note as it arrives.
    guest_phone.locator("#step-card").get_by_role("link", name="Notitie toevoegen").click()
    field = guest_phone.locator("#add-passion-text")
    expect(field).to_be_focused()
    field.fill("Samen sterker dan alleen")
    field.press("Enter")
    expect(projector.locator("#prompt-notes-passion")).to_contain_text("Samen sterker dan alleen")

    # The timer from the dock, big on the wall.
    dock.locator("#steer-minutes").fill("5")
    dock.get_by_role("button", name="Start").click()
    expect(projector.locator(".podium-timer .timer-clock")).to_have_text(re.compile(r"^[45]:\d\d$"))

    # A vote with live results: the projector charts each dot as it is placed.
    dock.get_by_text("Stemming openen").click()
    dock.get_by_label("Uitslag pas tonen na het sluiten").uncheck()
    dock.get_by_role("button", name="Open de stemming").click()
    expect(projector.locator("#vote-chart")).to_contain_text("Stemmen over Verbinding op passie")
    note = Note.objects.get(text="Samen sterker dan alleen")
    phone.locator(f"#dot-note-{note.pk}-erbij").click()
    chart = projector.locator("#vote-chart .bar-row")
    expect(chart).to_have_count(1)
    expect(chart).to_contain_text("Samen sterker dan alleen")
    expect(chart.locator(".bar-count")).to_have_text("1 stip")
    _shoot(pages, "2-stemming")

    # The facilitator scrolls the whole board: the dock stays, and what is focused near
    # the bottom is not hidden under it (WCAG 2.4.11).
    facilitator.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    close = dock.get_by_role("button", name="Stemming sluiten")
    assert _in_view(facilitator, close)
    last_add = facilitator.locator(".note-add a").last
    last_add.focus()
    facilitator.wait_for_timeout(300)
    dock_top = dock.bounding_box()["y"]
    box = last_add.bounding_box()
    assert box["y"] + box["height"] <= dock_top
    close.click()
    expect(projector.locator("#vote-chart")).to_contain_text("Uitslag: Verbinding op passie")
    _shoot(pages, "3-uitslag")

    # The band: the projector charts who commits how, as it happens.
    dock.get_by_label("Stap").select_option("coalitions")
    dock.get_by_role("button", name="Ga naar stap").click()
    expect(projector.locator("h1")).to_have_text("Ambities en coalities")
    ambition = Ambition.objects.filter(network=network).order_by("position", "id").first()
    row = projector.locator("#commitments-chart tbody tr").first
    expect(row.locator("th")).to_have_text(ambition.title)
    expect(row.locator(".level-meedoen .bar-count")).to_have_text("0")
    help_ = phone.locator(".levels-help")
    help_.locator("summary").click()
    expect(help_).to_contain_text("je trekt de coalitie")
    phone.locator(f"#commit-{ambition.pk}-meedoen").click()
    guest_phone.locator(f"#commit-{ambition.pk}-meedoen").click()
    expect(row.locator(".level-meedoen .bar-count")).to_have_text("2")
    _shoot(pages, "4-betrokkenheid")
