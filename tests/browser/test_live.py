"""Two people on one board, each in their own browser, served under ASGI as in production."""

import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from canvas.prompts import PROMPTS
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser


@pytest.fixture
def open_board(asgi_server, browser, network):
    """Return a function that opens the board in a new browser context, signed in."""
    contexts = []

    def open_board(user):
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        contexts.append(context)
        for name, value in session_cookie(user).items():
            context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(f"{asgi_server}/n/{network.slug}/")
        return page

    yield open_board
    for context in contexts:
        context.close()


def test_changes_reach_the_other_board_without_reloading(open_board, alice, bob):
    alice_page, bob_page = open_board(alice), open_board(bob)
    # Each sees the other on the board.
    expect(alice_page.locator(".presence-list")).to_contain_text("Bob")
    expect(bob_page.locator(".presence-list")).to_contain_text("Alice")
    bob_page.evaluate("window.notReloaded = true")
    passion = "#prompt-notes-passion"

    alice_page.locator(f"{passion} .add-link").click()
    alice_page.locator("#add-passion-text").fill("Samen sterker dan alleen")
    alice_page.locator("#add-passion-text").press("Enter")
    expect(bob_page.locator(passion)).to_contain_text("Samen sterker dan alleen")

    note = Note.objects.get(text="Samen sterker dan alleen")
    alice_page.locator(f"#note-{note.pk} .note-edit").click()
    alice_page.locator(f"textarea#note-{note.pk}-text").fill("Samen sterker dan ieder apart")
    alice_page.locator(f"textarea#note-{note.pk}-text").press("Enter")
    expect(bob_page.locator(f"#note-{note.pk}")).to_contain_text("Samen sterker dan ieder apart")

    alice_page.locator(f"#note-{note.pk} .note-edit").click()
    alice_page.locator(f"#note-{note.pk} button.danger").click()
    expect(bob_page.locator(f"#note-{note.pk}")).to_have_count(0)
    assert bob_page.evaluate("window.notReloaded") is True


def test_when_both_edit_one_note_neither_text_is_lost(open_board, alice, bob):
    note = Note.add(bob.memberships.get().network, PROMPTS["passion"], "Wij leren samen", bob)
    alice_page, bob_page = open_board(alice), open_board(bob)
    expect(bob_page.locator(".presence-list")).to_contain_text("Alice")
    bobs_text = bob_page.locator(f"textarea#note-{note.pk}-text")
    for page in (alice_page, bob_page):
        page.locator(f"#note-{note.pk} .note-edit").click()
        expect(page.locator(f"textarea#note-{note.pk}-text")).to_be_visible()
    bobs_text.fill("Wij leren samen, elke week")

    alice_page.locator(f"textarea#note-{note.pk}-text").fill("Wij leren samen en van elkaar")
    alice_page.locator(f"textarea#note-{note.pk}-text").press("Enter")
    expect(alice_page.locator(f"#note-{note.pk}")).to_contain_text("en van elkaar")

    # Bob's open form is not replaced: his text stays, and he is told it changed.
    expect(bob_page.locator(f"#note-{note.pk} .live-notice")).to_be_visible()
    expect(bobs_text).to_have_value("Wij leren samen, elke week")
    bob_page.screenshot(path="/tmp/live-changed-meanwhile.png")

    # Saving shows Alice's text beside his; he merges both and saves.
    bobs_text.press("Enter")
    conflict = bob_page.locator(f"#note-{note.pk} .conflict")
    expect(conflict).to_contain_text("Wij leren samen en van elkaar")
    expect(bobs_text).to_have_value("Wij leren samen, elke week")
    bob_page.screenshot(path="/tmp/live-conflict.png")
    bobs_text.fill("Wij leren samen en van elkaar, elke week")
    bob_page.get_by_role("button", name="Jouw tekst bewaren").click()

    merged = "Wij leren samen en van elkaar, elke week"
    expect(bob_page.locator(f"#note-{note.pk}")).to_contain_text(merged)
    expect(alice_page.locator(f"#note-{note.pk}")).to_contain_text(merged)
    note.refresh_from_db()
    assert (note.text, note.version) == (merged, 3)
    assert re.search("elke week", note.text) and "van elkaar" in note.text
