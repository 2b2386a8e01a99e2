"""Clustering in the browser: a note dragged into a new cluster, another moved by
keyboard with "verplaats naar…"."""

import pytest
from playwright.sync_api import expect

from canvas.models import Cluster, Note
from tests.browser.conftest import wait_until_live

pytestmark = pytest.mark.browser

TROTS = "Trots op het vak van leraar"
ELK_KIND = "Elk kind in de regio verdient een bevoegde leraar"


def test_a_note_is_dragged_into_a_new_cluster_and_one_moved_by_keyboard(
    server, page, network, bob, sign_in
):
    sign_in(page.context, bob)
    page.goto(f"{server.url}/n/{network.slug}/")
    wait_until_live(page)
    page.evaluate("window.__marker = 'same page'")
    passion = page.locator("#prompt-passion")

    # Name a new cluster under Verbinding op passie.
    passion.locator(".cluster-new summary").click()
    name = passion.get_by_role("textbox", name="Naam van de nieuwe cluster")
    name.fill("Het vak")
    name.press("Enter")
    cluster = passion.locator("section.cluster", has_text="Het vak")
    expect(cluster).to_be_visible()
    assert Cluster.objects.filter(network=network, prompt="passion", name="Het vak").exists()

    # Drag a note into it.
    note = passion.locator("li.note", has_text=TROTS)
    with page.expect_response(
        lambda r: r.url.endswith("/verplaats-naar/") and r.request.method == "POST"
    ) as answer:
        note.drag_to(cluster.locator("ol.cluster-notes"))
    assert answer.value.status == 200
    expect(cluster.locator("li.note", has_text=TROTS)).to_be_visible()
    expect(passion.locator("li.note", has_text=TROTS)).to_have_count(1)
    assert Note.objects.get(text=TROTS).cluster.name == "Het vak"

    # Move another to Verbinding op stijl, by keyboard only.
    passion.locator("li.note", has_text=ELK_KIND).get_by_role(
        "link", name="Verplaats naar…"
    ).focus()
    page.keyboard.press("Enter")
    target = passion.get_by_role("combobox", name="Verplaats naar")
    expect(target).to_be_focused()
    # htmx focuses [autofocus] again when the form settles (20 ms on, later on a busy
    # machine): a Tab before that went back to the list (CI, once).
    expect(page.locator(".htmx-request, .htmx-settling, .htmx-added")).to_have_count(0)
    target.select_option(label="Verbinding op stijl")
    page.keyboard.press("Tab")
    expect(passion.get_by_role("button", name="Verplaatsen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#prompt-style li.note", has_text=ELK_KIND)).to_be_visible()
    expect(passion.locator("li.note", has_text=ELK_KIND)).to_have_count(0)
    assert Note.objects.get(text=ELK_KIND).prompt == "style"
    assert page.evaluate("window.__marker") == "same page"


def _touch_drag(page, source, target):
    """Drag `source` onto `target` with a finger: touch, rest (Sortable waits 200 ms on
    touch, so a quick swipe scrolls), move in steps, lift."""
    cdp = page.context.new_cdp_session(page)
    start, end = source.bounding_box(), target.bounding_box()
    x0, y0 = start["x"] + start["width"] / 3, start["y"] + start["height"] / 2
    x1, y1 = end["x"] + end["width"] / 2, end["y"] + end["height"] / 2

    def touch(kind, x, y):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", x0, y0)
    page.wait_for_timeout(400)
    for step in range(1, 11):
        touch("touchMove", x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10)
        page.wait_for_timeout(30)
    touch("touchEnd", x1, y1)


def test_a_finger_drags_a_note_into_a_cluster_on_a_phone(server, browser, network, bob, sign_in):
    Cluster.objects.create(network=network, prompt="passion", name="Het vak")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    sign_in(context, bob)
    page = context.new_page()
    page.goto(f"{server.url}/n/{network.slug}/#prompt-passion")
    wait_until_live(page)
    passion = page.locator("#prompt-passion")
    cluster = passion.locator("section.cluster", has_text="Het vak")
    cluster.scroll_into_view_if_needed()
    with page.expect_response(
        lambda r: r.url.endswith("/verplaats-naar/") and r.request.method == "POST"
    ) as answer:
        _touch_drag(page, passion.locator("li.note", has_text=TROTS), cluster.locator("ol"))
    assert answer.value.status == 200
    expect(cluster.locator("li.note", has_text=TROTS)).to_be_visible()
    assert Note.objects.get(text=TROTS).cluster.name == "Het vak"
    context.close()
