"""A mini-workshop: a facilitator steers, three participants follow live in their own browsers.

Served under ASGI (uvicorn in a thread), as in production: event streams need it.
"""

import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from coalitions.models import Ambition, Coalition
from networks.models import NetworkActor
from tests.canvas.workshops import participant, start_workshop
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser


@pytest.fixture
def open_board(asgi_server, browser, network):
    """Return a function that opens the board in a new browser context, signed in."""
    contexts = []

    def open_board(user, viewport=(1440, 900)):
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        for name, value in session_cookie(user).items():
            context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
        page = context.new_page()
        page.goto(f"{asgi_server}/n/{network.slug}/")
        expect(page.locator(".presence-list")).to_contain_text(str(user))
        page.evaluate("window.notReloaded = true")
        return page

    yield open_board
    for context in contexts:
        context.close()


def test_a_mini_workshop_followed_live_by_three_participants(open_board, network, alice):
    def org(key):
        return NetworkActor.objects.get(network=network, key=key)

    people = [
        participant(network, "Lotte", actor=org("hsr")),
        participant(network, "Daan", actor=org("linge")),
        participant(network, "Wim"),
    ]
    start_workshop(network, alice, title="Workshop 2 — identiteit en ambities")
    facilitator = open_board(alice)
    lotte, daan, wim = boards = [open_board(person, (390, 844)) for person in people]
    panel = facilitator.locator("#workshop-panel")

    def go_to(step, title):
        panel.get_by_label("Stap").select_option(step)
        panel.get_by_role("button", name="Ga naar stap").click()
        expect(facilitator.locator("#workshop-bar .wb-step-title")).to_have_text(title)

    # Step to Identiteit: every board shows it in the bar and highlights the block.
    go_to("identity", "Identiteit")
    for page in boards:
        expect(page.locator("#workshop-bar .wb-step-title")).to_have_text("Identiteit")
        expect(page.locator("#block-identity")).to_have_class(re.compile("current-step"))

    # A five-minute timer, counting down on every board.
    panel.locator("#steer-minutes").fill("5")
    panel.get_by_role("button", name="Start").click()
    for page in boards:
        expect(page.locator("#workshop-bar .timer-clock")).to_have_text(re.compile(r"^[45]:\d\d$"))
    expect(panel.get_by_role("button", name="Pauze")).to_be_visible()

    # Silent writing: Lotte's note is hers alone until the reveal.
    panel.locator("#steer-silent-form button").click()
    for page in boards:
        expect(page.locator(".wb-silent")).to_be_visible()
    lotte.locator("#prompt-notes-passion .add-link").click()
    lotte.locator("#add-passion-text").fill("Nieuwsgierig naar elkaars scholen")
    lotte.locator("#add-passion-text").press("Enter")
    hidden = lotte.locator("#prompt-notes-passion .note-hidden")
    expect(hidden).to_contain_text("Nieuwsgierig naar elkaars scholen")
    expect(hidden).to_contain_text("alleen jij ziet dit")
    expect(daan.locator("#prompt-notes-passion .hidden-count")).to_contain_text("1 verborgen")
    expect(panel.locator("#hidden-total")).to_have_text("1 verborgen notitie")
    for page in (facilitator, daan, wim):
        expect(page.locator("#prompt-notes-passion")).not_to_contain_text("Nieuwsgierig")

    # The reveal, without names: on every board at once.
    panel.get_by_label("met namen").uncheck()
    panel.get_by_role("button", name="Onthullen").click()
    note = Note.objects.get(text="Nieuwsgierig naar elkaars scholen")
    for page in (facilitator, daan, wim):
        expect(page.locator(f"#note-{note.pk}")).to_contain_text("Nieuwsgierig")
        expect(page.locator(f"#note-{note.pk}")).not_to_contain_text("Lotte")
    expect(daan.locator(".wb-silent")).to_have_count(0)

    # A dot-vote on the passion notes: two dots each at most, results after closing.
    go_to("identity.passion", "Verbinding op passie")
    panel.get_by_text("Stemming openen").click()
    panel.get_by_role("button", name="Open de stemming").click()
    for page in boards:
        expect(page.locator("#dots-left")).to_have_text("Je hebt nog 3 van 3 stippen.")
    for page in boards:
        page.locator(f"#dot-note-{note.pk}-erbij").click()
        expect(page.locator("#dots-left")).to_have_text("Je hebt nog 2 van 3 stippen.")
    lotte.locator(f"#dot-note-{note.pk}-erbij").click()
    expect(lotte.locator(f"#dots-note-{note.pk} .dots-mine")).to_have_text("●●")
    # A third on the same note, by keyboard (the button says it is unavailable): refused.
    lotte.locator(f"#dot-note-{note.pk}-erbij").focus()
    lotte.keyboard.press("Enter")
    expect(lotte.locator(f"#dots-note-{note.pk}")).to_contain_text("Hoogstens 2 stippen")
    expect(panel.locator("#vote-progress")).to_have_text("3 mensen hebben gestemd")
    panel.get_by_role("button", name="Stemming sluiten").click()
    for page in (facilitator, *boards):
        expect(page.locator(f"#note-{note.pk} .note-votes")).to_have_text("4 stemmen")

    # Commitments to an ambition, then "Coalitie vormen".
    go_to("coalitions", "Ambities en coalities")
    ambition = Ambition.objects.get(network=network, key="starters")
    for page, level in zip(boards, ("meebepalen", "meedoen", "weten"), strict=True):
        expect(page.locator("#band")).to_have_class(re.compile("current-step"))
        page.locator(f"#commit-{ambition.pk}-{level}").click()
        expect(page.locator(f"#commit-{ambition.pk}-{level}")).to_have_attribute(
            "aria-pressed", "true"
        )
    commitments = facilitator.locator(f"#commitments-{ambition.pk}")
    expect(commitments.locator(".level-meedoen .level-count")).to_have_text("1")
    expect(commitments.locator(".level-weten .level-count")).to_have_text("1")
    commitments.get_by_text("Wie?").click()
    expect(commitments.locator(".commit-names")).to_contain_text("Lotte")
    commitments.get_by_role("button", name="Coalitie vormen").click()
    formed = facilitator.locator(f"#ambition-{ambition.pk} .coalition-card", has_text="Lotte")
    expect(formed).to_contain_text("Trekker")
    coalition = Coalition.objects.get(network=network, name=ambition.title)
    for page in boards:
        card = page.locator(f"#coalition-{coalition.pk}")
        expect(card).to_contain_text("Lotte")
        expect(card).to_contain_text("Hogeschool Rivierenland")
    assert [page.evaluate("window.notReloaded") for page in (facilitator, *boards)] == [True] * 4
