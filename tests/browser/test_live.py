"""Two people on one board, each in their own browser, served under ASGI as in production."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from canvas.live.events import publish
from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Workshop
from coalitions.models import Coalition
from tests.browser.conftest import wait_until_live
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
        wait_until_live(page)
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
    assert (note.text, note.revision) == (merged, 3)
    assert re.search("elke week", note.text) and "van elkaar" in note.text


def _changed_elsewhere(network, *keys):
    """Tell the open boards that someone else changed these parts (as their save does)."""
    publish(network.pk, "changed", {"keys": list(keys), "change": ""})


def test_a_change_by_someone_else_leaves_the_focus_where_it_was(open_board, network, alice, bob):
    note = Note.add(network, PROMPTS["passion"], "Wij leren samen", bob)
    page = open_board(bob)
    passion = page.locator("#prompt-passion")
    edit = page.locator(f"#note-{note.pk}").get_by_role("link", name="Bewerken")
    edit.focus()

    Note.add(network, PROMPTS["passion"], "Elkaar opzoeken", alice)
    _changed_elsewhere(network, "prompt-passion")
    expect(passion.locator("li.note", has_text="Elkaar opzoeken")).to_be_visible()

    # The list was fetched again around the focused link: Enter still opens his note.
    expect(edit).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"textarea#note-{note.pk}-text")).to_be_focused()


def test_a_change_that_comes_in_during_a_request_waits_for_it(open_board, network, alice, bob):
    page = open_board(bob)
    held = []
    # Bob's request to open the add form hangs until the test lets it through.
    page.route("**/vragen/passion/nieuw/", lambda route: held.append(route), times=1)
    passion = page.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").click()

    Note.add(network, PROMPTS["passion"], "Elkaar opzoeken", alice)
    _changed_elsewhere(network, "prompt-passion")
    Note.add(network, PROMPTS["ambition"], "Samen opleiden", alice)
    _changed_elsewhere(network, "prompt-ambition")
    # Events arrive in order: once the second one shows, the first has come in too.
    expect(page.locator("#prompt-ambition li.note", has_text="Samen opleiden")).to_be_visible()

    # Bob's own request lands: the form opens (it was not swapped into a list that the
    # change had replaced meanwhile), and then the change shows around it.
    (request,) = held
    request.continue_()
    new = passion.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op passie")
    expect(new).to_be_focused()
    expect(passion.locator("li.note", has_text="Elkaar opzoeken")).to_be_visible()
    expect(new).to_be_focused()


def test_an_open_coalition_form_stays_when_someone_else_changes_the_band(
    open_board, network, alice
):
    page = open_board(alice)
    mine, theirs = Coalition.objects.filter(network=network)[:2]
    page.locator(f"#coalition-{mine.pk}").get_by_role("link", name=re.compile("^Bewerken")).click()
    # htmx focuses the form's [autofocus] field 20 ms after the swap: typing elsewhere
    # before that goes into the name (seen under load in CI). Wait for that focus first.
    expect(page.locator("#coalition-form [autofocus]")).to_be_focused()
    step = page.locator("#coalition-form").get_by_label("Doelgroep")
    step.fill("Intake plannen met de hogeschool")

    Coalition.objects.filter(pk=theirs.pk).update(name="Starters in de wijk", revision=2)
    _changed_elsewhere(network, "band", f"coalition-{theirs.pk}")
    expect(page.locator(f"#coalition-{theirs.pk}")).to_contain_text("Starters in de wijk")

    # Her form is where it was, with her text and the focus, and not said to be changed.
    expect(step).to_have_value("Intake plannen met de hogeschool")
    expect(step).to_be_focused()
    expect(page.locator("#coalition-form .live-notice")).to_have_count(0)
    page.locator("#coalition-form").get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#coalition-{mine.pk}")).to_contain_text("Intake plannen")


def test_a_new_coalition_form_keeps_the_band_until_it_is_saved(open_board, network, alice):
    page = open_board(alice)
    theirs = Coalition.objects.filter(network=network).first()
    page.locator("#band").get_by_role("link", name="Coalitie", exact=True).click()
    name = page.locator("#coalition-form").get_by_label("Naam")
    name.fill("Techniekmiddag voor leraren")

    Coalition.objects.filter(pk=theirs.pk).update(name="Zij-instroom in de wijk", revision=2)
    _changed_elsewhere(network, "band", f"coalition-{theirs.pk}")
    # The new coalition has no place in a fresh band yet: the band stays as it is.
    expect(page.locator("#band")).to_have_class(re.compile("live-stale"))
    expect(name).to_have_value("Techniekmiddag voor leraren")
    expect(name).to_be_focused()
    expect(page.locator("#coalition-form .live-notice")).to_have_count(0)

    # Saving brings the news.
    page.locator("#coalition-form").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".coalition-card", has_text="Techniekmiddag")).to_be_visible()
    expect(page.locator(f"#coalition-{theirs.pk}")).to_contain_text("Zij-instroom in de wijk")


def test_no_event_links_two_changes_to_one_tab(open_board, asgi_server, network, alice, bob):
    """Whoever watches the stream cannot tell that two changes came from one tab (and so,
    after an anonymous reveal, whose other actions a note's author made)."""
    alice_page, bob_page = open_board(alice), open_board(bob)
    bob_page.evaluate(
        """url => {
            window.seen = [];
            const source = new EventSource(url);
            source.addEventListener("changed", m => window.seen.push(JSON.parse(m.data)));
        }""",
        f"{asgi_server}/n/{network.slug}/live/",
    )
    bob_page.wait_for_timeout(500)  # the watcher's stream is open
    passion = "#prompt-notes-passion"
    alice_page.locator(f"{passion} .add-link").click()
    for text in ("Eerste", "Tweede"):  # the add form comes back, empty, for the next note
        field = alice_page.locator("#add-passion-text")
        # Type only once the (new) form has settled and has the focus (see the README on
        # htmx's autofocus): text typed into the form being replaced is lost with it.
        expect(field).to_have_value("")
        expect(field).to_be_focused()
        field.fill(text)
        field.press("Enter")
        expect(alice_page.locator(passion)).to_contain_text(text)
        expect(bob_page.locator(passion)).to_contain_text(text)
    seen = bob_page.evaluate("window.seen")
    assert len(seen) == 2
    # What names the change (its token); the parts it names (the list a new note joins)
    # and the HTML it brings are the board's, the same for all.
    first, second = (
        {k: v for k, v in event.items() if k not in ("keys", "into", "html")} for event in seen
    )
    assert not set(first.items()) & set(second.items()), (first, second)


def test_live_updates_raise_no_script_error(open_board, alice, bob):
    """A presence update is an htmx swap without a target in its details: record.js read
    `event.detail.target.querySelector` and threw on every one."""
    alice_page = open_board(alice)
    errors = []
    alice_page.on("pageerror", lambda error: errors.append(str(error)))
    open_board(bob)
    expect(alice_page.locator(".presence-list")).to_contain_text("Bob")
    assert errors == []


def test_a_change_arrives_with_its_html_and_keeps_what_is_ones_own(open_board, network, alice, bob):
    """Alice's notes reach Bob's board in the event itself (no request for them), and the
    pushed part, the same for every member, leaves Bob's own as his page has it: his note's
    pencil, his hidden note; no one else's."""
    mine = Note.add(network, PROMPTS["passion"], "Van Bob", bob)
    bob_page, alice_page = open_board(bob), open_board(alice)
    asked = []
    bob_page.on("request", lambda request: "/vragen/" in request.url and asked.append(request))
    passion = "#prompt-notes-passion"

    alice_page.locator(f"{passion} .add-link").click()
    alice_page.locator("#add-passion-text").fill("Van Alice")
    alice_page.locator("#add-passion-text").press("Enter")
    expect(bob_page.locator(passion)).to_contain_text("Van Alice")
    theirs = Note.objects.get(text="Van Alice")
    expect(bob_page.locator(f"#note-{mine.pk} .note-edit")).to_be_visible()
    expect(bob_page.locator(f"#note-{theirs.pk} .note-edit")).to_be_hidden()
    expect(alice_page.locator(f"#note-{mine.pk} .note-edit")).to_be_visible()  # she edits all

    # Silent writing: Bob's hidden note stays on his board when Alice's change comes in.
    workshop = Workshop.start(network, alice, "Stil")
    workshop.silent = True
    workshop.save()
    bob_page.reload()
    wait_until_live(bob_page)
    bob_page.locator(f"{passion} .add-link").click()
    bob_page.locator("#add-passion-text").fill("Mijn geheim")
    bob_page.locator("#add-passion-text").press("Enter")
    expect(bob_page.locator(f"{passion} .note-hidden")).to_contain_text("Mijn geheim")
    bob_page.keyboard.press("Escape")
    alice_page.reload()
    wait_until_live(alice_page)
    alice_page.locator(f"{passion} .add-link").click()
    alice_page.locator("#add-passion-text").fill("Haar geheim")
    alice_page.locator("#add-passion-text").press("Enter")
    expect(bob_page.locator(f"{passion} .hidden-count")).to_contain_text("2 verborgen notities")
    expect(bob_page.locator(f"{passion} .note-hidden")).to_contain_text("Mijn geheim")
    expect(bob_page.locator(passion)).not_to_contain_text("Haar geheim")
    # live.js fetched nothing: the notes that others' changes brought came with them.
    assert [r.url for r in asked if r.resource_type == "fetch"] == []


def test_an_edited_note_arrives_alone_and_stays_ones_own_in_ones_other_tab(
    open_board, network, alice, bob
):
    """Bob edits his note: its <li> alone reaches Alice and his other tab with the event
    (no request), there still his own (its pencil); it counts as no new note. His hidden
    note, edited, reaches no one else: his other tab fetches its list."""
    mine = Note.add(network, PROMPTS["passion"], "Van Bob", bob)
    bob_page, other_tab, alice_page = open_board(bob), open_board(bob), open_board(alice)
    asked = {"alice": [], "other": []}
    for who, page in (("alice", alice_page), ("other", other_tab)):
        page.evaluate(
            "window.added = 0; document.addEventListener('live:notes-added',"
            " (event) => { window.added += event.detail.notes.length; })"
        )
        page.on(
            "request",
            lambda request, who=who: (
                request.resource_type == "fetch" and asked[who].append(request.url)
            ),
        )

    bob_page.locator(f"#note-{mine.pk} .note-edit").click()
    bob_page.locator(f"textarea#note-{mine.pk}-text").fill("Van Bob, herschreven")
    bob_page.locator(f"textarea#note-{mine.pk}-text").press("Enter")
    for page in (alice_page, other_tab):
        expect(page.locator(f"#note-{mine.pk}")).to_contain_text("Van Bob, herschreven")
    # Editing in place kept the board's address (htmx 2.0.10 pushed the edit link's, and
    # a reload opened the plain edit page, off the live board).
    assert bob_page.url.endswith(f"/n/{network.slug}/")
    expect(other_tab.locator(f"#note-{mine.pk} .note-edit")).to_be_visible()  # still his
    expect(other_tab.locator(f"#note-{mine.pk}.mine")).to_have_count(1)
    expect(alice_page.locator(f"#note-{mine.pk} .note-edit")).to_be_visible()  # she edits all
    assert asked == {"alice": [], "other": []}
    assert alice_page.evaluate("window.added") == 0 == other_tab.evaluate("window.added")

    workshop = Workshop.start(network, alice, "Stil")
    workshop.silent = True
    workshop.save()
    secret = Note.add(network, PROMPTS["passion"], "Mijn geheim", bob, hidden=True)
    for page in (bob_page, other_tab, alice_page):
        page.reload()
        wait_until_live(page)
    asked["alice"].clear()
    asked["other"].clear()
    bob_page.locator(f"#note-{secret.pk} .note-edit").click()
    bob_page.locator(f"textarea#note-{secret.pk}-text").fill("Mijn grotere geheim")
    bob_page.locator(f"textarea#note-{secret.pk}-text").press("Enter")
    expect(other_tab.locator(f"#note-{secret.pk}")).to_contain_text("Mijn grotere geheim")
    assert [url.split("/n/", 1)[1] for url in asked["other"]] == [f"{network.slug}/vragen/passion/"]
    expect(bob_page.locator(f"#note-{secret.pk}")).to_contain_text("Mijn grotere geheim")
    alice_page.wait_for_timeout(500)  # the event has come and gone
    assert asked["alice"] == []
    expect(alice_page.locator("#prompt-notes-passion")).not_to_contain_text("geheim")


def test_a_commitment_arrives_with_its_html_and_keeps_ones_own_choice(
    open_board, network, alice, bob
):
    from coalitions.models import Ambition

    ambition = Ambition.objects.filter(network=network).first()
    bob_page, alice_page = open_board(bob), open_board(alice)
    asked = []
    bob_page.on(
        "request", lambda request: "/betrokkenheid/" in request.url and asked.append(request)
    )
    mine = bob_page.locator(f"#commit-{ambition.pk}-meedoen")
    mine.click()
    expect(mine).to_have_attribute("aria-pressed", "true")
    # His own choice comes back to his tab too (refetched, as his request was under way).
    bob_page.wait_for_timeout(500)
    asked.clear()
    theirs = alice_page.locator(f"#commit-{ambition.pk}-weten")
    theirs.click()
    expect(theirs).to_have_attribute("aria-pressed", "true")
    expect(bob_page.locator(f"#commit-{ambition.pk}-weten .level-count")).to_have_text("1")
    expect(mine).to_have_attribute("aria-pressed", "true")  # still his own choice
    expect(bob_page.locator(f"#commit-{ambition.pk}-weten")).to_have_attribute(
        "aria-pressed", "false"
    )
    assert [r.url for r in asked if r.resource_type == "fetch"] == []  # nothing fetched


def test_an_older_fetch_of_the_band_never_overwrites_ones_own_newer_choice(
    open_board, network, bob
):
    """A band fetched for someone else's change, rendered before Bob's own choice and
    answered after it (CI saw "meedoen 0" after Bob's Enter), is fetched once more."""
    from coalitions.models import Ambition

    ambition = Ambition.objects.filter(network=network).first()
    page = open_board(bob)
    held = []

    def hold(route):  # render it now, answer later
        held.append((route, route.fetch()))

    page.route("**/coalities/", hold, times=1)
    _changed_elsewhere(network, "band")
    for _ in range(50):  # until the band's fetch is under way
        if held:
            break
        page.wait_for_timeout(100)
    mine = page.locator(f"#commit-{ambition.pk}-meedoen")
    mine.click()
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(mine.locator(".level-count")).to_have_text("1")
    page.wait_for_timeout(500)  # his choice's own event has come and gone

    ((route, response),) = held
    route.fulfill(response=response)
    page.wait_for_timeout(500)  # the old band arrives; then it is fetched again
    expect(mine).to_have_attribute("aria-pressed", "true")
    expect(mine.locator(".level-count")).to_have_text("1")


def test_the_facilitators_step_and_timer_reach_a_member_with_no_request_of_theirs(
    open_board, network, alice, bob
):
    """The bar and the step card come in the event itself (issue 14); during a vote Bob's
    own dots left stay his, and a new vote starts him with all of them."""
    Workshop.start(network, alice, "Werkplaats")
    alice_page = open_board(alice)
    bob_page = open_board(bob)
    bob_page.set_viewport_size({"width": 390, "height": 844})  # the step card shows
    asked = []
    bob_page.on("request", lambda request: "/workshop/" in request.url and asked.append(request))
    panel = alice_page.locator("#workshop-panel")

    panel.get_by_label("Stap").select_option("identity.passion")
    panel.get_by_role("button", name="Ga naar stap").click()
    expect(bob_page.locator("#workshop-bar .wb-step-title")).to_have_text("Verbinding op passie")
    expect(bob_page.locator("#step-card-title")).to_have_text("Verbinding op passie")
    # htmx focuses [autofocus] when her new panel settles: typing before that had its
    # selection undone, and "5" went after the "5" already there (once: 55:00).
    expect(alice_page.locator(".htmx-request, .htmx-settling, .htmx-added")).to_have_count(0)
    panel.locator("#steer-minutes").fill("5")
    panel.get_by_role("button", name="Start").click()
    expect(bob_page.locator("#workshop-bar .timer-clock")).to_have_text(re.compile(r"^4:5\d$"))

    # A vote: Bob places a dot; the facilitator's next change leaves his figure his own.
    note = Note.add(network, PROMPTS["passion"], "Samen leren", alice)
    _changed_elsewhere(network, "prompt-passion")
    panel.get_by_text("Stemming openen").click()
    panel.get_by_role("button", name="Open de stemming").click()
    dots_left = bob_page.locator("#dots-left")
    expect(dots_left).to_have_text("Je hebt nog 3 van 3 stippen.")
    bob_page.locator(f"#dot-note-{note.pk}-erbij").click()
    expect(dots_left).to_have_text("Je hebt nog 2 van 3 stippen.")
    panel.get_by_role("button", name="Pauze").click()
    expect(bob_page.locator("#workshop-bar .timer-label")).to_have_text("gepauzeerd")
    expect(dots_left).to_have_text("Je hebt nog 2 van 3 stippen.")
    expect(dots_left).to_have_attribute("data-left", "2")
    # A new vote: all his dots again, not the figure of the last one.
    panel.get_by_role("button", name="Stemming sluiten").click()
    expect(dots_left).to_have_count(0)
    panel.get_by_text("Stemming openen").click()
    panel.get_by_role("button", name="Open de stemming").click()
    expect(dots_left).to_have_text("Je hebt nog 3 van 3 stippen.")

    # The bar and the step card of every change came with it: nothing was fetched.
    assert [r.url for r in asked if r.resource_type == "fetch"] == []


def test_a_bar_shown_later_than_it_was_rendered_shows_the_time_left_now(
    open_board, network, alice, bob
):
    """A pushed bar replayed after a reconnect says how many seconds were left when it was
    rendered; workshop.js counts down to its end (data-ends) instead."""
    from canvas.board.render import workshop_parts

    workshop = Workshop.start(network, alice, "Werkplaats")
    workshop.start_timer(5)
    page = open_board(bob)
    html = workshop_parts(network, "workshop")["members:nl"]
    # As if rendered two minutes ago (the end is the same): 5:00 left then, 3:00 now.
    stale = re.sub(r'data-remaining="\d+"', 'data-remaining="300"', html)
    workshop.timer_started_at -= timedelta(minutes=2)
    workshop.save()
    ends = workshop.timer_ends
    stale = re.sub(r'data-ends="\d+"', f'data-ends="{ends}"', stale)
    parts = {"workshop": {"members:nl": stale}}
    publish(network.pk, "changed", {"keys": ["workshop"], "change": "", "parts": parts})
    expect(page.locator("#workshop-bar [data-timer]")).to_have_attribute("data-ends", str(ends))
    expect(page.locator("#workshop-bar .timer-clock")).to_have_text(re.compile(r"^(3:00|2:5\d)$"))


def test_a_card_arrives_with_its_html_and_those_in_the_coalition_fetch_their_own(
    open_board, network, alice, bob, cora
):
    """Bob joins: Alice, outside the coalition, gets the card with the event (no request);
    Cora, kept informed by it, fetches her own copy of that card alone (not the band)."""
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.members.create(user=cora, role="informed")
    alice_page, bob_page, cora_page = open_board(alice), open_board(bob), open_board(cora)
    asked = {"alice": [], "cora": []}
    for who, page in (("alice", alice_page), ("cora", cora_page)):
        page.on(
            "request",
            lambda request, who=who: (
                request.resource_type == "fetch"
                and asked[who].append(request.url.split("/n/", 1)[1])
            ),
        )

    card = bob_page.locator(f"#coalition-{coalition.pk}")
    card.get_by_role("button", name=re.compile("Ik doe mee")).click()
    expect(card.locator(".me")).to_have_text("Jij doet mee")

    hers = alice_page.locator(f"#coalition-{coalition.pk}")
    expect(hers).to_contain_text("Bob")
    expect(hers.locator(".me")).to_have_count(0)  # not his controls
    expect(hers.get_by_role("button", name=re.compile("Ik doe mee"))).to_be_visible()
    informed = cora_page.locator(f"#coalition-{coalition.pk}")
    expect(informed).to_contain_text("Bob")
    expect(informed.locator(".me")).to_have_text("Je wordt op de hoogte gehouden")
    assert asked["alice"] == []
    assert asked["cora"] == [f"{network.slug}/coalities/{coalition.pk}/kaart/"]


def test_the_band_arrives_with_its_html_and_ones_own_cards_and_ambitions_stay_ones_own(
    open_board, network, alice, bob, cora
):
    """Alice adds an ambition: the band reaches Bob and Cora with the event. Cora, in no
    coalition, asks for nothing; Bob keeps his own ambition's edit link and fetches only
    the card of the coalition he is in (his controls), never the band."""
    from coalitions.models import Ambition, CoalitionRole

    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.members.create(user=bob, role=CoalitionRole.MEMBER)
    his = Ambition.objects.create(network=network, title="Van Bob", created_by=bob)
    alice_page, bob_page, cora_page = open_board(alice), open_board(bob), open_board(cora)
    asked = {"bob": [], "cora": []}
    for who, page in (("bob", bob_page), ("cora", cora_page)):
        page.on(
            "request",
            lambda request, who=who: (
                request.resource_type == "fetch"
                and asked[who].append(request.url.split("/n/", 1)[1])
            ),
        )

    alice_page.locator("#band .band-actions").get_by_role("link", name="Ambitie").click()
    title = alice_page.locator("#ambition-form input[name=title]")
    title.fill("Samen sterker")
    title.press("Enter")
    expect(alice_page.locator("#band")).to_contain_text("Samen sterker")
    ambition = Ambition.objects.get(title="Samen sterker")
    for page in (bob_page, cora_page):
        expect(page.locator(f"#ambition-{ambition.pk}")).to_contain_text("Samen sterker")
    card = bob_page.locator(f"#coalition-{coalition.pk}")
    expect(card.locator(".me")).to_have_text("Jij doet mee")  # his own copy, kept and fetched
    expect(bob_page.locator(f"#ambition-{his.pk}-head .text-button")).to_be_visible()
    expect(bob_page.locator(f"#ambition-{ambition.pk}-head .text-button")).to_be_hidden()
    expect(cora_page.locator(f"#ambition-{his.pk}-head .text-button")).to_be_visible()  # edits all
    expect(bob_page.locator(f"#ambition-{his.pk}.mine")).to_have_count(1)
    bob_page.wait_for_timeout(300)  # his card's fetch has come and gone
    assert asked["cora"] == []
    assert asked["bob"] == [f"{network.slug}/coalities/{coalition.pk}/kaart/"]


def test_a_new_note_joins_the_list_while_one_writes_ones_own(open_board, network, alice, bob):
    """Bob is typing a note in "passion" when Alice's arrives: it joins the list, with
    the event (no request), and his form keeps his text and the focus."""
    bob_page, alice_page = open_board(bob), open_board(alice)
    asked = []
    bob_page.on("request", lambda request: request.resource_type == "fetch" and asked.append(1))
    passion = "#prompt-notes-passion"
    bob_page.locator(f"{passion} .add-link").click()
    bob_page.locator("#add-passion-text").fill("Mijn halve zin")

    alice_page.locator(f"{passion} .add-link").click()
    alice_page.locator("#add-passion-text").fill("Van Alice")
    alice_page.locator("#add-passion-text").press("Enter")
    theirs = bob_page.locator(f"{passion} > ol.notes > li.note").last
    expect(theirs).to_contain_text("Van Alice")
    expect(bob_page.locator("#add-passion-text")).to_have_value("Mijn halve zin")
    expect(bob_page.locator("#add-passion-text")).to_be_focused()
    expect(theirs.locator(".note-edit")).to_be_hidden()  # not his
    assert asked == []

    bob_page.locator("#add-passion-text").press("Enter")  # his own lands after hers
    notes = bob_page.locator(f"{passion} > ol.notes > li.note")
    expect(notes.nth(-2)).to_contain_text("Van Alice")
    expect(notes.nth(-1)).to_contain_text("Mijn halve zin")
    expect(alice_page.locator(f"{passion} > ol.notes > li.note").last).to_contain_text(
        "Mijn halve zin"
    )
