"""Issue 17's leftovers: focus that survives a live change.

A facilitator steers in one browser; members follow in others. What the room changes
never takes a member's place away (a closed vote, a step change).
"""

import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from canvas.prompts import PROMPTS
from tests.browser.conftest import wait_until_live
from tests.canvas.workshops import open_vote, start_workshop
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser


@pytest.fixture
def open_board(asgi_server, browser, network):
    contexts = []

    def open_board(user, viewport=None):
        context = browser.new_context(viewport=viewport or {"width": 1440, "height": 900})
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


def in_view(page, selector):
    """Whether the element is inside the window (below the sticky bar, which never hides
    it here: the checks are for a far scroll, not a few pixels)."""
    return page.evaluate(
        """(selector) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          return box.bottom > 0 && box.top < window.innerHeight;
        }""",
        selector,
    )


def test_a_closed_vote_puts_focus_on_the_note_whose_dot_had_it(
    open_board, network, alice, bob, cora
):
    workshop = start_workshop(network, alice, step_block="identity", step_prompt="passion")
    note = Note.add(network, PROMPTS["passion"], "Samen leren", alice)
    open_vote(workshop)
    facilitator = open_board(alice)
    member = open_board(bob)
    elsewhere = open_board(cora)
    dot = f"#dot-note-{note.pk}-erbij"
    member.locator(dot).focus()
    scrolled = member.evaluate("window.scrollY")
    # Cora is somewhere else on the board: the closed vote must leave her there.
    elsewhere.locator("#prompt-notes-decisions .add-link").focus()

    facilitator.get_by_role("button", name="Stemming sluiten").click()
    expect(member.locator(dot)).to_have_count(0)
    expect(member.locator(f"#note-{note.pk}-text")).to_be_focused()
    # Focus moved, the page did not (beyond the browser keeping its content in place
    # while the dots go).
    assert abs(member.evaluate("window.scrollY") - scrolled) < 100
    assert in_view(member, f"#note-{note.pk}-text")
    expect(elsewhere.locator("#workshop-announce")).to_have_text("De stemming is gesloten.")
    assert elsewhere.evaluate("document.activeElement.matches('#prompt-notes-decisions .add-link')")


def test_a_closed_vote_leaves_focus_on_the_page_alone(open_board, network, alice, bob):
    workshop = start_workshop(network, alice, step_block="identity", step_prompt="passion")
    Note.add(network, PROMPTS["passion"], "Samen leren", alice)
    open_vote(workshop)
    facilitator = open_board(alice)
    member = open_board(bob)
    assert member.evaluate("document.activeElement === document.body")
    facilitator.get_by_role("button", name="Stemming sluiten").click()
    expect(member.locator("#workshop-announce")).to_have_text("De stemming is gesloten.")
    expect(member.locator(".dot-form")).to_have_count(0)
    assert member.evaluate("document.activeElement === document.body")


def test_a_step_change_keeps_a_focused_control_in_view(open_board, network, alice, bob, cora):
    start_workshop(network, alice, step_block="identity", step_prompt="passion")
    facilitator = open_board(alice)
    on_control = open_board(bob)
    idle = open_board(cora)
    # Bob works far down the board, on a control; Cora only reads.
    add = "#prompt-notes-coherence .add-link"
    on_control.locator(add).focus()
    on_control.locator(add).scroll_into_view_if_needed()
    top = f"document.querySelector('{add}').getBoundingClientRect().top"
    where = on_control.evaluate(top)
    assert on_control.evaluate("window.scrollY") > 500 and in_view(on_control, add)
    idle.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")

    panel = facilitator.locator("#workshop-panel")
    facilitator_scroll = facilitator.evaluate("window.scrollY")
    panel.get_by_label("Stap").select_option("rules.decisions")
    panel.get_by_role("button", name="Ga naar stap").click()

    for page in (on_control, idle):
        expect(page.locator("#workshop-announce")).to_have_text("Nieuwe stap: Besluiten")
    # Cora is brought to the step; Bob's control stays where he sees it, with his focus.
    expect(idle.locator("#prompt-decisions")).to_have_class(re.compile(r"current-step"))
    idle.wait_for_timeout(800)  # the smooth scroll
    assert in_view(idle, "#prompt-decisions")
    on_control.wait_for_timeout(800)  # time for a scroll that must not come
    # Not brought thousands of pixels up to the step; the browser may shift the page a
    # little to keep what is in view in place while the bar above changes.
    assert abs(on_control.evaluate(top) - where) < 100
    assert in_view(on_control, add)
    assert on_control.evaluate(f"document.activeElement.matches('{add}')")
    # The facilitator's panel stays where it was.
    assert facilitator.evaluate("window.scrollY") == facilitator_scroll
