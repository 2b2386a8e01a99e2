"""Issue 17's leftovers: focus that survives a live change, and what the live region says.

A facilitator steers in one browser; members follow in others. What the room changes
never takes a member's place away (a closed vote, a step change), and the polite live
region (#workshop-announce) says, without taking focus, what arrived and what one's own
request did.
"""

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Ambition
from tests.browser.conftest import wait_until_live
from tests.canvas.workshops import open_vote, start_workshop
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser

# Every sentence the live region says, in order (it is emptied before each one).
RECORD_SAID = """() => {
  window.said = [];
  const region = document.getElementById("workshop-announce");
  new MutationObserver(() => { if (region.textContent) window.said.push(region.textContent); })
    .observe(region, { childList: true, characterData: true, subtree: true });
}"""


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


def test_new_notes_of_others_at_the_step_are_said_together(open_board, network, alice, bob, cora):
    start_workshop(network, alice, step_block="identity", step_prompt="passion")
    member = open_board(bob)
    member.evaluate(RECORD_SAID)
    member.locator("#prompt-notes-passion .add-link").focus()
    client = Client()
    client.force_login(cora)
    headers = {"HX-Request": "true"}
    url = f"/n/{network.slug}/vragen/%s/nieuw/"
    # A note at another prompt is no news of this step.
    client.post(url % "decisions", {"text": "Elders"}, headers=headers)
    for text in ("Een", "Twee", "Drie"):
        response = client.post(url % "passion", {"text": text}, headers=headers)
        assert response.status_code == 200
    expect(member.locator("#prompt-notes-passion")).to_contain_text("Drie")
    said = "3 nieuwe notities bij Verbinding op passie"
    expect(member.locator("#workshop-announce")).to_have_text(said)
    assert member.evaluate("window.said") == [said]
    assert member.evaluate("document.activeElement.matches('#prompt-notes-passion .add-link')")

    # One's own note is not news: saving it says "Opgeslagen", and nothing more.
    member.evaluate("window.said = []")
    member.locator("#prompt-notes-passion .add-link").click()
    member.locator("#add-passion-text").fill("Van Bob zelf")
    member.locator("#add-passion-text").press("Enter")
    expect(member.locator("#workshop-announce")).to_have_text("Opgeslagen")
    member.wait_for_timeout(2500)  # longer than the wait before notes are said
    assert member.evaluate("window.said") == ["Opgeslagen"]


def test_saving_a_note_or_an_involvement_says_opgeslagen(open_board, network, alice, bob):
    start_workshop(network, alice)
    note = Note.add(network, PROMPTS["passion"], "Van Bob", bob)
    member = open_board(bob)
    heard = member.locator("#workshop-announce")

    member.locator(f"#note-{note.pk} .note-edit").click()
    field = member.locator(f"textarea#note-{note.pk}-text")
    field.fill("Van Bob, beter")
    field.press("Enter")
    expect(heard).to_have_text("Opgeslagen")
    expect(member.locator(f"#note-{note.pk}")).to_contain_text("Van Bob, beter")

    member.evaluate("document.getElementById('workshop-announce').textContent = ''")
    ambition = Ambition.objects.filter(network=network).first()
    level = member.locator(f"#commitments-{ambition.pk} .commit-levels button").first
    level.click()
    expect(level).to_have_attribute("aria-pressed", "true")
    expect(heard).to_have_text("Opgeslagen")
    expect(level).to_be_focused()

    # A refused save says nothing of the kind: the message is by the field.
    member.evaluate("document.getElementById('workshop-announce').textContent = ''")
    member.locator(f"#note-{note.pk} .note-edit").click()
    field = member.locator(f"textarea#note-{note.pk}-text")
    field.evaluate("field => field.removeAttribute('required')")  # past the browser's check
    field.fill("")
    field.press("Enter")
    expect(member.locator(".field-error")).to_be_visible()
    member.wait_for_timeout(300)
    expect(heard).to_have_text("")


def test_a_dot_says_how_many_are_left(open_board, network, alice, bob):
    workshop = start_workshop(network, alice, step_block="identity", step_prompt="passion")
    note = Note.add(network, PROMPTS["passion"], "Samen leren", alice)
    open_vote(workshop)
    member = open_board(bob)
    heard = member.locator("#workshop-announce")
    add = member.locator(f"#dot-note-{note.pk}-erbij")
    add.click()
    expect(heard).to_have_text("Nog 2 stippen")
    expect(member.locator(f"#dot-note-{note.pk}-erbij")).to_be_focused()
    member.locator(f"#dot-note-{note.pk}-erbij").click()
    expect(heard).to_have_text("Nog 1 stip")
    member.locator(f"#dot-note-{note.pk}-weg").click()
    expect(heard).to_have_text("Nog 2 stippen")


def test_the_last_dot_says_none_are_left(open_board, network, alice, bob):
    workshop = start_workshop(network, alice, step_block="identity", step_prompt="passion")
    note = Note.add(network, PROMPTS["passion"], "Samen leren", alice)
    open_vote(workshop, dots_per_person=1, max_per_item=1)
    member = open_board(bob)
    member.locator(f"#dot-note-{note.pk}-erbij").click()
    expect(member.locator("#workshop-announce")).to_have_text("Geen stippen meer")
