"""Issue 17's leftovers, measured in Chromium: pages reflow at 320 px wide (no sideways
scrolling), every page's content sits in landmarks, headings go down one level at a
time, and the scan form's sticky submit bar never hides the answer that has the focus."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from networks.insights.models import Scan
from tests.canvas.workshops import participant, start_workshop

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS_DIR", "")

# How far a page scrolls sideways (0: it reflows).
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"

# The landmark every visible element is in: none may be outside main/header/footer/nav.
OUTSIDE_LANDMARKS = """() => {
  const landmarks = "main, header, footer, nav, aside, [role=main], [role=banner], " +
    "[role=contentinfo], [role=navigation], [role=complementary], [role=region]";
  return Array.from(document.body.querySelectorAll("*"))
    .filter((el) => el.children.length === 0 && el.getClientRects().length
      && el.textContent.trim() && !el.closest(landmarks)
      && !el.closest(".visually-hidden, .skip-link, [aria-hidden=true], script, style"))
    .map((el) => el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 40));
}"""

# Each heading's level, in document order (what a screen reader's heading list shows).
HEADINGS = """() => Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
  .filter((h) => h.getClientRects().length || h.closest(".visually-hidden"))
  .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)])"""


def _skips(headings):
    """Return the headings that go down more than one level, or come before the one h1."""
    found = [] if [level for level, _text in headings].count(1) == 1 else ["h1 count"]
    if headings and headings[0][0] != 1:
        found.append(f"before the h1: {headings[0][1]}")
    for (before, _b), (level, text) in zip(headings, headings[1:], strict=False):
        if level > before + 1:
            found.append(f"h{before} → h{level} {text}")
    return found


@pytest.fixture
def scan(network):
    return Scan.objects.create(
        network=network, kind="samenwerking", closes=timezone.localdate() + timedelta(7)
    )


@pytest.fixture
def pages(network, alice, join_link, scan):
    # A workshop runs, so the facilitator's board has its panel; someone with a long
    # address is in the network (the people table's widest cell).
    start_workshop(network, alice)
    participant(network, "Wilhelmina van Oldenbarnevelt-Zuidervaart")
    slug = network.slug
    return {
        "home": "/",
        "code": "/code/",
        "board": f"/n/{slug}/",
        "projector": f"/n/{slug}/presentatie/",
        "join codes": f"/n/{slug}/deelnamecodes/",
        "join code screen": f"/n/{slug}/deelnamecodes/{join_link.pk}/",
        "people": f"/n/{slug}/mensen/",
        "network form": f"/n/{slug}/bewerken/",
        "scan form": f"/n/{slug}/scans/{scan.pk}/",
        "new network": "/nieuw/",
    }


@pytest.fixture
def facilitator_page(server, page, alice, sign_in):
    sign_in(page.context, alice)
    return page


def test_pages_reflow_at_320_px_and_at_720_px(server, facilitator_page, pages):
    page, found = facilitator_page, {}
    for name, url in pages.items():
        page.goto(server.url + url)
        for width, height in ((320, 640), (720, 450)):
            page.set_viewport_size({"width": width, "height": height})
            if overflow := page.evaluate(OVERFLOW):
                found[f"{name} at {width}"] = overflow
            if SHOTS and name in ("join codes", "people"):
                page.screenshot(
                    path=f"{SHOTS}/{name.replace(' ', '-')}-{width}.png", full_page=True
                )
    assert found == {}


def test_every_page_keeps_its_content_in_landmarks(server, facilitator_page, pages):
    page, found = facilitator_page, {}
    for name, url in pages.items():
        page.goto(server.url + url)
        if outside := page.evaluate(OUTSIDE_LANDMARKS):
            found[name] = outside[:3]
        if page.locator("main").count() != 1:
            found[name + " main"] = page.locator("main").count()
    assert found == {}


def test_headings_go_down_one_level_at_a_time(server, facilitator_page, pages):
    page, found = facilitator_page, {}
    for name, url in pages.items():
        page.goto(server.url + url)
        if skips := _skips(page.evaluate(HEADINGS)):
            found[name] = skips
    assert found == {}


def test_the_sticky_submit_bar_never_hides_the_focused_answer(
    server, facilitator_page, network, scan
):
    page = facilitator_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/n/{network.slug}/scans/{scan.pk}/")
    bar = page.locator(".sticky-submit")
    expect(bar).to_be_visible()
    radios = page.locator(".scan-form input[type=radio]")
    radios.first.focus()
    hidden, seen = [], 0
    # Tab from answer to answer (a radio group is one stop) until the focus reaches the
    # bar: each focused answer must be clear of the bar, fully above it.
    for _ in range(100):
        name, bottom, bar_top, in_bar = page.evaluate(
            """() => {
              const el = document.activeElement;
              const bar = document.querySelector(".sticky-submit");
              return [el.name || el.tagName, el.getBoundingClientRect().bottom,
                      bar.getBoundingClientRect().top, bar.contains(el)];
            }"""
        )
        if in_bar:
            break
        seen += 1
        if bottom > bar_top:
            hidden.append(name)
        page.keyboard.press("Tab")
    assert seen >= 8, "the walk never reached the answers"
    assert hidden == []
