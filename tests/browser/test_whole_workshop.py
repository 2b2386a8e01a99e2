"""A whole prepared workshop in the browser, from a template to a coalition (issue 18).

A facilitator (desktop) prepares an agenda from "Eerste bijeenkomst", cuts it down to the
steps below and starts the workshop with it; a projector follows; two phones take part, a
member and a guest who joins with the code on the projector and names their school. Step
by step with "Volgende stap": the identiteitskaart, silent writing and the reveal,
clustering (one note dragged, one moved by keyboard), "Waarom?", a dot vote on the
prompt, the commitment round and "Coalitie vormen" with the guest's school as kernpartner.

Set JOURNEY_SHOTS to a folder to keep a screenshot of each screen at each stage.
"""

import os
import re

import pytest
from playwright.sync_api import expect

from canvas.agenda.models import Agenda
from canvas.models import Cluster, Note
from canvas.replies.models import Reply
from coalitions.models import Ambition, Coalition
from networks.models import Membership, User
from tests.browser.conftest import wait_until_live
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser

SHOTS = os.environ.get("JOURNEY_SHOTS")
DESKTOP, PROJECTOR, PHONE = (1440, 900), (1280, 720), (390, 844)
SCHOOL = "Basisschool De Regenboog"
BOBS_NOTE = "Elkaar helpen met stageplekken"
GIJS_NOTE = "Samen de werkdruk verlagen"


@pytest.fixture
def open_context(asgi_server, browser):
    """Return a function that opens a page in a new browser context, signed in or not."""
    contexts = []

    def open_context(viewport, user=None):
        width, height = viewport
        context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=viewport == PHONE
        )
        contexts.append(context)
        if user is not None:
            for name, value in session_cookie(user).items():
                context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        return context.new_page()

    yield open_context
    for context in contexts:
        context.close()


def test_a_whole_prepared_workshop_from_a_template(open_context, asgi_server, network, alice, bob):
    board_url = f"{asgi_server}/n/{network.slug}/"
    facilitator = open_context(DESKTOP, alice)
    screens = {"facilitator": facilitator}

    def shoot(stage):
        if SHOTS:
            for name, page in screens.items():
                page.screenshot(path=os.path.join(SHOTS, f"{stage}-{name}.png"))

    # -- Prepare: "Eerste bijeenkomst", cut down to five steps ----------------------------
    facilitator.goto(f"{board_url}workshops/")
    facilitator.get_by_role("link", name="Agenda's voorbereiden").click()
    facilitator.get_by_label("Begin met").select_option(label="Eerste bijeenkomst")
    facilitator.get_by_role("button", name="Agenda maken").click()
    expect(facilitator.get_by_role("heading", level=1)).to_have_text("Eerste bijeenkomst")
    rows = facilitator.locator(".agenda-step")
    expect(rows).to_have_count(8)
    steps = list(Agenda.objects.get().steps.all())
    # Out: the plenary opening, the discussion after the vote, the plenary close.
    for count, step in zip((7, 6, 5), (steps[0], steps[5], steps[7]), strict=True):
        facilitator.locator(f'button[value="remove:{step.pk}"]').click()
        expect(rows).to_have_count(count)
    # The participants' discussion becomes the commitment round on the ambitions.
    last = rows.nth(4)
    last.get_by_label("Onderdeel").select_option("coalitions")
    last.get_by_label("Werkvorm").select_option("betrokkenheid")
    last.get_by_label("Minuten").fill("10")
    facilitator.get_by_role("button", name="Opslaan").first.click()
    # The editor's own status: a step removed by a click before htmx was ready (a plain
    # post) leaves its message in the page's messages too, another status region.
    expect(facilitator.locator("#agenda-editor").get_by_role("status")).to_have_text(
        "De agenda is bewaard."
    )
    plan = [(s.value, s.method) for s in Agenda.objects.get().steps.all()]
    assert plan == [
        ("identity", "identiteitskaart"),
        ("identity.passion", "stil"),
        ("identity.passion", "clusteren"),
        ("identity.passion", "stemmen"),
        ("coalitions", "betrokkenheid"),
    ]
    shoot("0-agenda")

    facilitator.get_by_role("button", name="Workshop starten met deze agenda").click()
    expect(facilitator).to_have_url(re.compile(rf"/n/{network.slug}/#workshop$"))
    wait_until_live(facilitator)
    panel = facilitator.locator("#workshop-panel")
    next_step = panel.get_by_role("button", name="Volgende stap")
    expect(panel.locator("#steer-next-step")).to_have_text("Identiteit · identiteitskaart · 20 min")

    # -- The room: the projector, a member's phone, a guest with the projector's code ---
    projector = open_context(PROJECTOR, alice)
    projector.goto(f"{board_url}presentatie/")
    wait_until_live(projector)
    expect(projector.locator("h1")).to_have_text(network.name)
    code = projector.locator(".podium-code").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", code)

    bob_phone = open_context(PHONE, bob)
    bob_phone.goto(board_url)
    wait_until_live(bob_phone)

    guest_phone = open_context(PHONE)
    guest_phone.goto(f"{asgi_server}/")
    guest_phone.get_by_role("textbox", name="Code").fill(code)
    guest_phone.get_by_role("button", name="Doe mee").click()
    expect(guest_phone.get_by_role("heading", level=1)).to_have_text(network.name)
    guest_phone.locator("#id_guest-name").fill("Gijs")
    guest_phone.locator("#id_guest-new_organisation").fill(SCHOOL)
    screens |= {"projector": projector, "bob": bob_phone, "gast": guest_phone}
    shoot("1-meedoen")
    guest_phone.get_by_role("button", name="Doe mee als gast").click()
    guest_phone.wait_for_url(board_url)
    wait_until_live(guest_phone)
    expect(guest_phone.get_by_text(f"Welkom! Je doet mee in {network.name}.")).to_be_visible()
    gijs = User.objects.get(name="Gijs")
    assert gijs.is_guest
    assert Membership.objects.get(user=gijs, network=network).actor.actor.name == SCHOOL
    phones = (bob_phone, guest_phone)

    # -- Step 1: the identiteitskaart ---------------------------------------------------
    next_step.click()
    for page in (facilitator, *phones):
        expect(page.locator("#workshop-bar .wb-step-title")).to_have_text("Identiteit")
    expect(projector.locator("h1")).to_have_text("Identiteit")
    # The board's projector shows the block; the map has a projector page of its own.
    projector.goto(f"{board_url}identiteitskaart/presentatie/")
    wait_until_live(projector)
    for page, part, word in ((bob_phone, "Passie", "Verbinden"), (guest_phone, "Opgave", "Kansen")):
        page.locator("#workshop-bar").get_by_role("link", name="Naar de identiteitskaart").click()
        wait_until_live(page)
        page.get_by_role("radio", name=part).check()
        page.locator("#id_word").fill(word)
        page.get_by_role("button", name="Op de kaart zetten").click()
        expect(page.locator("#plaatsen [role=status]")).to_contain_text(word)
    expect(projector.locator(".part-passie svg")).to_contain_text("Verbinden")
    expect(projector.locator(".part-opgave svg")).to_contain_text("Kansen")
    expect(bob_phone.locator(".part-opgave .idmap-words")).to_contain_text("Kansen")
    shoot("2-identiteitskaart")

    # -- Step 2: silent writing under Verbinding op passie ------------------------------
    next_step.click()
    expect(facilitator.locator("#workshop-bar .wb-step-title")).to_have_text("Verbinding op passie")
    projector.goto(f"{board_url}presentatie/")
    wait_until_live(projector)
    expect(projector.locator("h1")).to_have_text("Verbinding op passie")
    expect(projector.locator(".podium-silent")).to_be_visible()
    for page, text in ((bob_phone, BOBS_NOTE), (guest_phone, GIJS_NOTE)):
        page.locator(".eyebrow").get_by_role("link", name=network.name).click()
        wait_until_live(page)
        expect(page.locator(".wb-silent")).to_be_visible()
        card = page.locator("#step-card")
        expect(card.locator("h2")).to_have_text("Verbinding op passie")
        card.get_by_role("link", name="Notitie toevoegen").click()
        field = page.locator("#add-passion-text")
        expect(field).to_be_focused()
        field.fill(text)
        field.press("Enter")
        hidden = page.locator("#prompt-notes-passion .note-hidden", has_text=text)
        expect(hidden).to_contain_text("alleen jij ziet dit")
    expect(panel.locator("#hidden-total")).to_have_text("2 verborgen notities")
    # How many wait: everyone's in what is pushed to all, others' on one's own answer.
    for page in (facilitator, projector):
        expect(page.locator("#prompt-notes-passion .hidden-count")).to_contain_text(
            "2 verborgen notities"
        )
    for page in phones:
        expect(page.locator("#prompt-notes-passion .hidden-count")).to_have_text(
            re.compile(r"^(2 verborgen notities|1 verborgen notitie van iemand anders),")
        )
    for page, other in ((bob_phone, GIJS_NOTE), (guest_phone, BOBS_NOTE)):
        expect(page.locator("#prompt-notes-passion")).not_to_contain_text(other)
    for page in (facilitator, projector):
        expect(page.locator("#prompt-notes-passion")).not_to_contain_text(BOBS_NOTE)
        expect(page.locator("#prompt-notes-passion")).not_to_contain_text(GIJS_NOTE)
    shoot("3-stil-schrijven")

    # The reveal, with names: every screen shows both notes at once.
    panel.get_by_role("button", name="Onthullen").click()
    # Read the notes once the reveal is saved: SQLite's shared test database refuses a
    # read of a table another connection is writing ("database table is locked").
    expect(panel.locator("#hidden-total")).to_have_text("0 verborgen notities")
    bobs, gijs_note = Note.objects.get(text=BOBS_NOTE), Note.objects.get(text=GIJS_NOTE)
    for page in (facilitator, projector, *phones):
        expect(page.locator(f"#note-{bobs.pk}")).to_contain_text(BOBS_NOTE)
        expect(page.locator(f"#note-{gijs_note.pk}")).to_contain_text(GIJS_NOTE)
    expect(guest_phone.locator(f"#note-{bobs.pk}")).to_contain_text("Bob")
    expect(bob_phone.locator(".wb-silent")).to_have_count(0)
    shoot("4-onthuld")

    # -- Step 3: clustering, one note by drag, one by keyboard --------------------------
    next_step.click()
    expect(panel.locator("#steer-next-step")).to_contain_text("stemmen met stippen")
    passion = facilitator.locator("#prompt-passion")
    passion.locator(".cluster-new summary").click()
    name = passion.get_by_role("textbox", name="Naam van de nieuwe cluster")
    name.fill("Samen werken")
    name.press("Enter")
    cluster = passion.locator("section.cluster", has_text="Samen werken")
    expect(cluster).to_be_visible()
    with facilitator.expect_response(
        lambda r: r.url.endswith("/verplaats-naar/") and r.request.method == "POST"
    ) as answer:
        passion.locator(f"#note-{bobs.pk}").drag_to(cluster.locator("ol.cluster-notes"))
    assert answer.value.status == 200
    expect(cluster.locator(f"#note-{bobs.pk}")).to_be_visible()

    passion.locator(f"#note-{gijs_note.pk}").get_by_role("link", name="Verplaats naar…").focus()
    facilitator.keyboard.press("Enter")
    target = passion.get_by_role("combobox", name="Verplaats naar")
    expect(target).to_be_focused()
    # As in test_clusters.py: a Tab before htmx settles is undone by its autofocus.
    expect(facilitator.locator(".htmx-request, .htmx-settling, .htmx-added")).to_have_count(0)
    target.select_option(label="Verbinding op passie › Samen werken")
    facilitator.keyboard.press("Tab")
    expect(passion.get_by_role("button", name="Verplaatsen")).to_be_focused()
    facilitator.keyboard.press("Enter")
    expect(cluster.locator(f"#note-{gijs_note.pk}")).to_be_visible()
    made = Cluster.objects.get(network=network, name="Samen werken")
    assert {n.cluster_id for n in Note.objects.filter(pk__in=[bobs.pk, gijs_note.pk])} == {made.pk}
    for page in (projector, *phones):
        live_cluster = page.locator("section.cluster", has_text="Samen werken")
        expect(live_cluster).to_contain_text(BOBS_NOTE)
        expect(live_cluster).to_contain_text(GIJS_NOTE)

    # "Waarom?": Bob asks under Gijs's note; Gijs's phone and the projector count it.
    toggle = bob_phone.locator(f"#replies-{gijs_note.pk}-toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    reply = bob_phone.locator(f"#reply-{gijs_note.pk}-text")
    reply.fill("Waarom juist de werkdruk?")
    reply.press("Enter")
    expect(bob_phone.locator(f"#replies-{gijs_note.pk} .reply-text")).to_have_text(
        "Waarom juist de werkdruk?"
    )
    assert Reply.objects.get().author == bob
    expect(guest_phone.locator(f"#replies-{gijs_note.pk}-toggle")).to_contain_text("1 reactie")
    bob_phone.locator(f"#note-{gijs_note.pk}").scroll_into_view_if_needed()
    guest_phone.locator(f"#note-{gijs_note.pk}").scroll_into_view_if_needed()
    shoot("5-clusters-en-waarom")

    # -- Step 4: a dot vote on the prompt -----------------------------------------------
    next_step.click()
    expect(panel.get_by_role("button", name="Stemming sluiten")).to_be_visible()
    expect(projector.locator("#vote-chart")).to_contain_text("Verbinding op passie")
    for page in phones:
        expect(page.locator("#dots-left")).to_have_text("Je hebt nog 3 van 3 stippen.")
    bob_phone.locator(f"#dot-note-{gijs_note.pk}-erbij").click()
    expect(bob_phone.locator("#dots-left")).to_have_text("Je hebt nog 2 van 3 stippen.")
    guest_phone.locator(f"#dot-note-{gijs_note.pk}-erbij").click()
    expect(guest_phone.locator("#dots-left")).to_have_text("Je hebt nog 2 van 3 stippen.")
    guest_phone.locator(f"#dot-note-{bobs.pk}-erbij").click()
    expect(guest_phone.locator("#dots-left")).to_have_text("Je hebt nog 1 van 3 stippen.")
    expect(panel.locator("#vote-progress")).to_have_text("2 mensen hebben gestemd")
    shoot("6-stemmen")
    panel.get_by_role("button", name="Stemming sluiten").click()
    chart = projector.locator("#vote-chart")
    expect(chart).to_contain_text("Uitslag: Verbinding op passie")
    expect(chart.locator(".bar-row").first).to_contain_text(GIJS_NOTE)
    expect(chart.locator(".bar-row").first.locator(".bar-count")).to_have_text("2 stippen")
    for page in (facilitator, *phones):
        expect(page.locator(f"#note-{gijs_note.pk} .note-votes")).to_have_text("2 stemmen")
        expect(page.locator(f"#note-{bobs.pk} .note-votes")).to_have_text("1 stem")
    shoot("7-uitslag")

    # -- Step 5: the commitment round, then "Coalitie vormen" ---------------------------
    next_step.click()
    expect(projector.locator("h1")).to_have_text("Ambities en coalities")
    expect(panel.locator("#steer-next-step")).to_have_count(0)
    ambition = Ambition.objects.get(network=network, key="starters")
    row = projector.locator("#commitments-chart tbody tr", has_text=ambition.title)
    for page, level in ((bob_phone, "meedoen"), (guest_phone, "meebepalen")):
        expect(page.locator("#band")).to_have_class(re.compile("current-step"))
        button = page.locator(f"#commit-{ambition.pk}-{level}")
        button.click()
        expect(button).to_have_attribute("aria-pressed", "true")
        expect(row.locator(f".level-{level} .bar-count")).to_have_text("1")
    commitments = facilitator.locator(f"#commitments-{ambition.pk}")
    expect(commitments.locator(".level-meebepalen .level-count")).to_have_text("1")
    shoot("8-betrokkenheid")
    commitments.get_by_role("button", name="Coalitie vormen").click()
    formed = facilitator.locator(f"#ambition-{ambition.pk} .coalition-card", has_text="Gijs")
    expect(formed).to_contain_text("Trekker")
    coalition = Coalition.objects.get(network=network, formed_from=ambition)
    assert [p.actor.name for p in coalition.core_partners.all()] == [SCHOOL]
    for page in (facilitator, projector, *phones):
        card = page.locator(f"#coalition-{coalition.pk}")
        expect(card).to_contain_text("Gijs")
        expect(card).to_contain_text(SCHOOL)
    for page in phones:
        # The band came as outsiders see it; each phone in the new coalition then fetched
        # its own copy of the card (its place in it, its controls).
        expect(page.locator(f"#coalition-{coalition.pk} .me")).to_be_visible()
        page.locator(f"#coalition-{coalition.pk}").scroll_into_view_if_needed()
    facilitator.locator(f"#coalition-{coalition.pk}").scroll_into_view_if_needed()
    shoot("9-coalitie")
