"""Escape in a form of the band (ambitions and coalitions) gives the focus back to what
opened it, instead of dropping it on the page (issue 17)."""

import pytest
from playwright.sync_api import expect

from coalitions.models import Ambition, Coalition
from tests.browser.conftest import wait_until_live

pytestmark = pytest.mark.browser

FORMS = "#ambition-form, #coalition-form"


@pytest.fixture
def board(server, page, network, cora, sign_in):
    sign_in(page.context, cora)
    page.goto(f"{server.url}/n/{network.slug}/")
    wait_until_live(page)
    return page


@pytest.mark.parametrize("opener", ["Ambitie", "Coalitie"])
def test_escape_in_a_new_item_form_returns_to_its_button(board, opener):
    band = board.locator("#band .band-actions")
    band.get_by_role("link", name=opener).click()
    title = board.locator(FORMS + " input[type=text]").first
    title.click()
    title.press("Escape")
    expect(board.locator(FORMS)).to_have_count(0)
    expect(band.get_by_role("link", name=opener)).to_be_focused()


def test_escape_in_an_edit_form_returns_to_its_edit_link(board, network):
    coalition = Coalition.objects.filter(network=network).first()
    ambition = Ambition.objects.filter(network=network).first()
    for card in (f"#coalition-{coalition.pk}", f"#ambition-{ambition.pk}-head"):
        board.locator(card).get_by_role("link", name="Bewerken").click()
        field = board.locator(FORMS + " input[type=text]").first
        field.click()
        field.press("Escape")
        expect(board.locator(FORMS)).to_have_count(0)
        edit = board.locator(card).get_by_role("link", name="Bewerken")
        expect(edit).to_be_focused()


def test_editing_a_note_puts_the_caret_after_its_text(server, page, network, bob, sign_in):
    from canvas.models import Note
    from canvas.prompts import PROMPTS

    note = Note.add(network, PROMPTS["passion"], "Van Bob, om aan te vullen", bob)
    sign_in(page.context, bob)
    page.goto(f"{server.url}/n/{network.slug}/")
    wait_until_live(page)
    page.locator(f"#note-{note.pk} .note-edit").click()
    text = page.locator(f"#note-{note.pk}-text")
    expect(text).to_be_focused()
    length = len("Van Bob, om aan te vullen")
    expect(text).to_have_js_property("selectionStart", length)
    # Typing goes on where the text ends.
    page.keyboard.type(" en meer")
    expect(text).to_have_value("Van Bob, om aan te vullen en meer")
