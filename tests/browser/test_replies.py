"""“Waarom?” in the browser: a member opens a note's replies by keyboard, writes one, and
another board sees the count change live (issue 18)."""

import os
import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.replies.models import Reply
from tests.browser.conftest import wait_until_live

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("SHOTS_DIR", "")


def _shot(page, name):
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=False)


@pytest.fixture
def note(network, alice):
    return Note.add(network, PROMPTS["passion"], "We zijn samen sterker dan alleen", alice)


def test_a_member_replies_by_keyboard_and_others_see_the_count_live(
    server, browser, network, note, alice, bob, sign_in
):
    boards = []
    for person in (bob, alice):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        sign_in(context, person)
        page = context.new_page()
        page.goto(f"{server.url}/n/{network.slug}/#note-{note.pk}")
        wait_until_live(page)
        boards.append(page)
    mine, theirs = boards

    toggle = mine.locator(f"#replies-{note.pk}-toggle")
    toggle.focus()
    mine.keyboard.press("Enter")
    toggle = mine.locator(f"#replies-{note.pk}-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(toggle).to_be_focused()
    # htmx gives the focus to [autofocus] once the thread has settled (20 ms after the
    # swap): a Tab pressed before that is undone, and the typing would go to the toggle.
    expect(mine.locator(".htmx-settling, .htmx-added")).to_have_count(0)
    mine.keyboard.press("Tab")
    field = mine.locator(f"#reply-{note.pk}-text")
    expect(field).to_be_focused()
    mine.keyboard.type("Omdat we elkaar anders kwijtraken")
    mine.keyboard.press("Enter")
    expect(mine.locator(f"#replies-{note.pk} .reply-text")).to_have_text(
        "Omdat we elkaar anders kwijtraken"
    )
    field = mine.locator(f"#reply-{note.pk}-text")
    expect(field).to_be_focused()
    expect(field).to_have_value("")
    assert Reply.objects.get().author == bob

    # Alice's board: her closed toggle counts the reply, without a reload.
    expect(theirs.locator(f"#replies-{note.pk}-toggle")).to_contain_text("1 reactie")
    expect(theirs.locator(f"#replies-{note.pk}-toggle")).to_have_attribute("aria-expanded", "false")
    mine.locator(f"#note-{note.pk}").scroll_into_view_if_needed()
    _shot(mine, "replies-desktop-open")

    # Closing by keyboard gives the focus back to the toggle.
    mine.locator(f"#replies-{note.pk}-toggle").focus()
    mine.keyboard.press("Enter")
    toggle = mine.locator(f"#replies-{note.pk}-toggle")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    for page in boards:
        page.context.close()


def test_the_thread_on_a_phone(server, browser, network, note, alice, bob, sign_in):
    Reply.add(note, "Omdat het anders bij praten blijft", alice)
    Reply.add(note, "En we leren van elkaars scholen", bob)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    sign_in(context, bob)
    page = context.new_page()
    page.goto(f"{server.url}/n/{network.slug}/?reacties={note.pk}#replies-{note.pk}")
    expect(page.locator(f"#replies-{note.pk} .reply")).to_have_count(2)
    # Nothing sticks out sideways.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    _shot(page, "replies-phone-open")
    context.close()


def test_axe_finds_nothing_on_the_board_with_a_thread_open(
    server, browser, network, note, alice, bob, sign_in
):
    from tests.browser.test_accessibility import AXE, AXE_RUN, AXE_TAGS, WIDTHS

    Reply.add(note, "Omdat het anders bij praten blijft", alice)
    context = browser.new_context(viewport=WIDTHS["phone"])
    context.add_init_script(script=AXE.read_text(encoding="utf-8"))
    sign_in(context, bob)
    page = context.new_page()
    page.goto(f"{server.url}/n/{network.slug}/?reacties={note.pk}")
    found = []
    for size in WIDTHS.values():
        page.set_viewport_size(size)
        found += page.evaluate(AXE_RUN, AXE_TAGS)
    context.close()
    assert found == []


def test_an_open_thread_moves_over_when_its_prompt_changes(
    server, browser, network, note, alice, bob, sign_in
):
    """A new note under the prompt reaches a board with a thread open there: the thread
    stays open, and the prompt does not freeze (it froze, the reply form having an id of
    its own that the pushed prompt lacked)."""
    boards = []
    for person in (bob, alice):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        sign_in(context, person)
        page = context.new_page()
        page.goto(f"{server.url}/n/{network.slug}/#note-{note.pk}")
        wait_until_live(page)
        boards.append(page)
    mine, theirs = boards
    mine.locator(f"#replies-{note.pk}-toggle").click()
    field = mine.locator(f"#reply-{note.pk}-text")
    field.fill("Omdat")
    field.press("Enter")
    expect(mine.locator(f"#replies-{note.pk} .reply-text")).to_have_text("Omdat")

    theirs.locator("#prompt-notes-passion .add-link").click()
    theirs.locator("#add-passion-text").fill("Een nieuwe notitie")
    theirs.locator("#add-passion-text").press("Enter")
    expect(mine.locator("#prompt-notes-passion")).to_contain_text("Een nieuwe notitie")
    expect(mine.locator("#prompt-notes-passion")).not_to_have_class(re.compile("live-stale"))
    expect(mine.locator(f"#replies-{note.pk}-toggle")).to_have_attribute("aria-expanded", "true")
    expect(mine.locator(f"#replies-{note.pk} .reply-text")).to_have_text("Omdat")
    for page in boards:
        page.context.close()


def test_a_reply_reaches_a_closed_toggle_with_its_note_and_an_open_thread_by_request(
    server, browser, network, note, alice, bob, cora, sign_in
):
    """Bob replies: Cora's closed "Waarom?" counts it from the note's pushed <li> (no
    request); Alice, who has the thread open, keeps it open and fetches it (the reply)."""
    boards = {}
    for name, person in (("bob", bob), ("alice", alice), ("cora", cora)):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        sign_in(context, person)
        page = context.new_page()
        page.goto(f"{server.url}/n/{network.slug}/#note-{note.pk}")
        wait_until_live(page)
        boards[name] = page
    asked = {"alice": [], "cora": []}
    for name in asked:
        boards[name].on(
            "request",
            lambda request, name=name: (
                request.resource_type == "fetch" and asked[name].append(request.url)
            ),
        )
    for name in ("bob", "alice"):
        boards[name].locator(f"#replies-{note.pk}-toggle").click()
        expect(boards[name].locator(f"#reply-{note.pk}-text")).to_be_visible()
    asked["alice"].clear()
    boards["alice"].locator(f"#reply-{note.pk}-text").fill("Ook omdat")  # her half reply

    field = boards["bob"].locator(f"#reply-{note.pk}-text")
    field.fill("Omdat het werkt")
    field.press("Enter")
    expect(boards["cora"].locator(f"#replies-{note.pk}-toggle")).to_contain_text("1 reactie")
    thread = boards["alice"].locator(f"#replies-{note.pk}")
    expect(thread.locator(".reply-text")).to_have_text("Omdat het werkt")
    expect(boards["alice"].locator(f"#replies-{note.pk}-toggle")).to_have_attribute(
        "aria-expanded", "true"
    )
    # Her reply form moved over into the fresh thread, with what she typed.
    expect(boards["alice"].locator(f"#reply-{note.pk}-text")).to_have_value("Ook omdat")
    expect(thread).not_to_have_class(re.compile("live-stale"))
    boards["cora"].wait_for_timeout(300)
    assert asked["cora"] == []
    assert [url.split("/notities/", 1)[1] for url in asked["alice"]] == [f"{note.pk}/reacties/"]
    for page in boards.values():
        page.context.close()
