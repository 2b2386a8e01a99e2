import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from canvas.workshops.models import Vote
from coalitions.models import Coalition
from tests.browser.conftest import wait_until_live
from tests.canvas.workshops import start_workshop

pytestmark = pytest.mark.browser


def _open_board(page, server, network):
    page.goto(f"{server.url}/n/{network.slug}/")
    wait_until_live(page)
    # A full reload would lose this: every step below must swap fragments only.
    page.evaluate("window.__marker = 'same page'")


def test_a_facilitator_fills_in_the_canvas_without_a_reload(server, page, network, alice, sign_in):
    sign_in(page.context, alice)
    _open_board(page, server, network)

    # Add a note under Identiteit › Verbinding op passie: type, Enter saves.
    passion = page.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").click()
    box = passion.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op passie")
    box.fill("Samen sterker voor de klas")
    box.press("Enter")
    expect(passion.locator("li.note", has_text="Samen sterker voor de klas")).to_be_visible()
    # The form stays open for the next note; Esc closes it.
    passion.get_by_role("textbox").press("Escape")
    expect(passion.get_by_role("textbox")).to_have_count(0)

    # Edit it inline.
    note = passion.locator("li.note", has_text="Samen sterker voor de klas")
    note.get_by_role("link", name="Bewerken").click()
    box = passion.get_by_role("textbox", name="Notitie")
    box.fill("Samen sterker voor elke klas")
    box.press("Enter")
    note = passion.locator("li.note", has_text="Samen sterker voor elke klas")
    expect(note).to_be_visible()

    # Delete it, then undo.
    note.get_by_role("link", name="Bewerken").click()
    passion.get_by_role("button", name="Verwijderen").click()
    expect(passion.get_by_text("Verwijderd")).to_be_visible()
    assert Note.all_objects.deleted().filter(text="Samen sterker voor elke klas").exists()
    passion.get_by_role("button", name="ongedaan maken").click()
    expect(passion.locator("li.note", has_text="Samen sterker voor elke klas")).to_be_visible()
    assert Note.objects.revealed().filter(text="Samen sterker voor elke klas").exists()

    # Add a rule and mark it afgesproken.
    decisions = page.locator("#prompt-decisions")
    decisions.get_by_role("link", name="Spelregel toevoegen bij Besluiten").click()
    box = decisions.get_by_role("textbox")
    box.fill("Elk besluit krijgt een datum om het te evalueren")
    box.press("Enter")
    rule = decisions.locator("li.note", has_text="Elk besluit krijgt een datum")
    expect(rule).to_contain_text("voorstel")
    rule.get_by_role("button", name=re.compile("markeer als afgesproken")).click()
    rule = decisions.locator("li.note", has_text="Elk besluit krijgt een datum")
    expect(rule).to_have_class(re.compile("rule-afgesproken"))
    assert Note.objects.get(text__startswith="Elk besluit").status == "afgesproken"

    # Create a coalition with two core partners.
    page.locator("#band").get_by_role("link", name="Coalitie", exact=True).click()
    form = page.locator("#coalition-form")
    form.get_by_label("Naam").fill("Techniekmiddag voor leraren")
    form.get_by_label("Hogeschool Rivierenland, lerarenopleidingen").check()
    form.get_by_label("ROC Rivierenland").check()
    form.get_by_role("button", name="Opslaan").click()
    card = page.locator(".coalition-card", has_text="Techniekmiddag voor leraren")
    expect(card).to_contain_text("Hogeschool Rivierenland, lerarenopleidingen")
    expect(card).to_contain_text("ROC Rivierenland")
    expect(card).to_contain_text("Jij bent trekker")
    coalition = Coalition.objects.get(name="Techniekmiddag voor leraren")
    assert {p.key for p in coalition.core_partners.all()} == {"hsr", "roc"}

    assert page.evaluate("window.__marker") == "same page"


def test_a_member_joins_a_coalition_and_leaves_it(server, page, network, bob, sign_in):
    sign_in(page.context, bob)
    _open_board(page, server, network)
    card = page.locator(".coalition-card", has_text="Techniekdag")
    card.get_by_role("button", name=re.compile("^Ik doe mee")).click()
    expect(card).to_contain_text("Jij doet mee")
    expect(card.get_by_role("link", name=re.compile("^Bewerken"))).to_be_visible()
    card.get_by_role("button", name=re.compile("^Ik doe niet meer mee")).click()
    expect(card).not_to_contain_text("Jij doet mee")
    expect(card.get_by_role("link", name=re.compile("^Bewerken"))).to_have_count(0)
    assert page.evaluate("window.__marker") == "same page"


def test_an_invalid_note_shows_the_message_in_place(server, page, network, bob, sign_in):
    sign_in(page.context, bob)
    _open_board(page, server, network)
    style = page.locator("#prompt-style")
    style.get_by_role("link", name="Notitie toevoegen bij Verbinding op stijl").click()
    box = style.get_by_role("textbox")
    # Browsers stop an empty required field; a space reaches the server and is refused there.
    box.fill("   ")
    box.press("Enter")
    expect(style.get_by_text("Schrijf eerst iets op de notitie.")).to_be_visible()
    assert page.evaluate("window.__marker") == "same page"


def test_notes_can_be_written_edited_and_deleted_with_the_keyboard_only(
    server, page, network, bob, sign_in
):
    sign_in(page.context, bob)
    _open_board(page, server, network)
    passion = page.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").focus()
    page.keyboard.press("Enter")
    new = passion.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op passie")
    expect(new).to_be_focused()
    page.keyboard.type("Met het toetsenbord")
    page.keyboard.press("Enter")  # saves; the form opens again, focused
    expect(passion.locator("li.note", has_text="Met het toetsenbord")).to_be_visible()
    expect(new).to_be_focused()
    page.keyboard.press("Escape")  # closes it; focus back on the add link
    expect(
        passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie")
    ).to_be_focused()

    page.keyboard.press("Shift+Tab")  # “Waarom?” under the new (last) note
    expect(passion.locator("li.note").last.locator(".replies-toggle")).to_be_focused()
    page.keyboard.press("Shift+Tab")  # its pencil
    page.keyboard.press("Enter")
    box = passion.get_by_role("textbox", name="Notitie")
    expect(box).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" en niets anders")
    page.keyboard.press("Enter")
    note = passion.locator("li.note", has_text="Met het toetsenbord en niets anders")
    expect(note.get_by_role("link", name="Bewerken")).to_be_focused()

    page.keyboard.press("Enter")
    expect(box).to_be_focused()
    delete = passion.get_by_role("button", name="Verwijderen")
    delete.focus()
    page.keyboard.press("Enter")
    undo = passion.get_by_role("button", name="ongedaan maken")
    expect(undo).to_be_focused()
    page.keyboard.press("Enter")
    expect(note).to_be_visible()
    assert page.evaluate("window.__marker") == "same page"


def test_keys_reach_new_content_before_it_settles(server, page, network, bob, sign_in):
    sign_in(page.context, bob)
    _open_board(page, server, network)
    # htmx settles new content 20 ms after showing it; a slow settle makes the gap certain.
    page.evaluate("htmx.config.defaultSettleDelay = 2000")
    passion = page.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").click()
    box = passion.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op passie")
    box.fill("Snel getypt")
    box.press("Enter")  # saves through htmx, not as a plain form
    expect(passion.locator("li.note", has_text="Snel getypt")).to_be_visible()
    box.press("Escape")  # at once: the fresh form's cancel works already
    expect(passion.get_by_role("textbox")).to_have_count(0)
    assert page.evaluate("window.__marker") == "same page"


def test_everything_works_without_javascript(server, browser, network, alice, sign_in):
    context = browser.new_context(java_script_enabled=False)
    sign_in(context, alice)
    page = context.new_page()
    page.goto(f"{server.url}/n/{network.slug}/")

    page.get_by_role("link", name="Notitie toevoegen bij Verbinding op stijl").click()
    page.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op stijl").fill("Zonder script")
    page.locator("#prompt-style").get_by_role("button", name="Opslaan").click()
    note = page.locator("#prompt-style li.note", has_text="Zonder script")
    expect(note).to_be_visible()

    note.get_by_role("link", name="Bewerken").click()
    page.locator("#prompt-style").get_by_role("button", name="Hoger zetten").click()
    page.locator("#prompt-style").get_by_role("button", name="Verwijderen").click()
    expect(page.locator("#undo")).to_contain_text("Zonder script")
    page.locator("#undo").get_by_role("button", name="ongedaan maken").click()
    expect(page.locator("#prompt-style li.note", has_text="Zonder script")).to_be_visible()

    rule = page.locator("#prompt-conflicts li.note").first
    rule.get_by_role("button", name=re.compile("markeer als afgesproken")).click()
    expect(page.locator("#prompt-conflicts li.note").first).to_have_class(
        re.compile("rule-afgesproken")
    )

    card = page.locator(".coalition-card", has_text="Techniekdag")
    card.get_by_role("button", name=re.compile("^Ik doe mee")).click()
    expect(page.locator(".coalition-card", has_text="Techniekdag")).to_contain_text("Jij doet mee")
    texts = list(Note.objects.revealed().filter(prompt="style").values_list("text", flat=True))
    assert texts.index("Zonder script") < len(texts) - 1  # it moved up
    context.close()


def test_the_note_counter_and_the_spent_dots_follow_what_one_does(
    server, page, network, alice, bob, sign_in
):
    """board.js: the counter follows the typing; once the last dot is placed, every
    other "+ Stip" is disabled and says "geen stippen meer", and comes back with a dot."""
    workshop = start_workshop(network, alice)
    Vote.objects.create(
        workshop=workshop, target="prompt", prompt="passion", dots_per_person=1, max_per_item=1
    )
    first, second = Note.objects.revealed().filter(network=network, prompt="passion")[:2]
    sign_in(page.context, bob)
    _open_board(page, server, network)

    passion = page.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").click()
    passion.get_by_role("textbox").press_sequentially("Samen")
    expect(page.locator("#add-passion-text-count")).to_have_text("5/500")
    passion.get_by_role("textbox").press("Escape")
    expect(passion.get_by_role("textbox")).to_have_count(0)  # the notes are swapped back

    other = page.locator(f"#dot-note-{second.pk}-erbij")
    expect(other).to_be_enabled()
    page.locator(f"#dot-note-{first.pk}-erbij").click()
    expect(page.locator("#dots-left")).to_have_text("Je hebt nog 0 van 1 stippen.")
    expect(other).to_be_disabled()
    expect(other.locator(".dot-spent")).to_be_visible()
    expect(other.locator(".dot-spent")).to_have_text("geen stippen meer")
    expect(other.locator(".dot-add")).to_be_hidden()
    page.locator(f"#dot-note-{first.pk}-weg").click()
    expect(page.locator("#dots-left")).to_have_text("Je hebt nog 1 van 1 stippen.")
    expect(other).to_be_enabled()
    expect(other.locator(".dot-spent")).to_be_hidden()
    expect(other.locator(".dot-add")).to_be_visible()
    assert page.evaluate("window.__marker") == "same page"
