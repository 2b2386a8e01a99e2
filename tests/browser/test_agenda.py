"""Preparing a workshop: pick the standard agenda, reorder and adjust it, start the
workshop with it, and walk it with "Volgende stap"."""

import re

import pytest
from playwright.sync_api import expect

from canvas.agenda.models import Agenda
from tests.conftest import session_cookie

pytestmark = pytest.mark.browser


def test_a_prepared_agenda_walked_with_volgende_stap(asgi_server, browser, network, alice):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    for name, value in session_cookie(alice).items():
        context.add_cookies([{"name": name, "value": value, "url": asgi_server}])
    page = context.new_page()

    # The standard template, from the workshops page.
    page.goto(f"{asgi_server}/n/{network.slug}/workshops/")
    page.get_by_role("link", name="Agenda's voorbereiden").click()
    page.get_by_label("Begin met").select_option(label="Standaardsessie Netwerk Canvas")
    page.get_by_role("button", name="Agenda maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Standaardsessie Netwerk Canvas")
    # htmx wires the editor up when the page has loaded; a click before that posts plainly,
    # and the page that comes back has nothing focused (CI: 1 run in many).
    page.wait_for_load_state("load")
    agenda = Agenda.objects.get()
    steps = list(agenda.steps.all())
    vote = steps[4]  # the dot vote on the ambitions
    assert vote.method == "stemmen"
    rows = page.locator(".agenda-step")
    expect(rows).to_have_count(15)

    # Reorder: the vote up to the first place, four clicks (htmx swaps the editor; the
    # moved step's arrow keeps the focus).
    for place in (4, 3, 2, 1):
        page.locator(f'button[value="up:{vote.pk}"]').click()
        expect(rows.nth(place - 1)).to_have_attribute("id", f"step-{vote.pk}")
        if place > 1:
            expect(page.locator(f'button[value="up:{vote.pk}"]')).to_be_focused()
    expect(rows.first).to_contain_text("Ambities en coalities")

    # The identity's opening becomes eight minutes of silent writing.
    opening = steps[0]
    rows.nth(1).get_by_label("Werkvorm").select_option("stil")
    rows.nth(1).get_by_label("Minuten").fill("8")
    page.get_by_role("button", name="Opslaan").first.click()
    # The editor's own status: a step removed by a click before htmx was ready (a plain
    # post) leaves its message in the page's messages too, another status region.
    expect(page.locator("#agenda-editor").get_by_role("status")).to_have_text(
        "De agenda is bewaard."
    )
    opening.refresh_from_db()
    assert (opening.method, opening.minutes, opening.position) == ("stil", 8, 1)

    # Bad input changes nothing and says why, next to the field.
    rows.nth(2).get_by_label("Minuten").fill("0")
    page.get_by_role("button", name="Opslaan").first.click()
    expect(page.locator(".field-error")).to_have_text("Kies 1 tot 240 minuten.")
    expect(rows.nth(2).get_by_label("Minuten")).to_be_focused()
    rows.nth(2).get_by_label("Minuten").fill("20")

    # Start the workshop with it: the board, with the next step in the panel.
    page.get_by_role("button", name="Workshop starten met deze agenda").click()
    expect(page).to_have_url(re.compile(rf"/n/{network.slug}/#workshop$"))
    panel = page.locator("#workshop-panel")
    bar = page.locator("#workshop-bar")
    expect(panel.locator("#steer-next-step")).to_have_text(
        "Ambities en coalities · stemmen met stippen · 5 min"
    )

    # Volgende stap: the vote on the ambitions opens, its five minutes run.
    panel.get_by_role("button", name="Volgende stap").click()
    expect(bar.locator(".wb-step-title")).to_have_text("Ambities en coalities")
    expect(bar.locator(".timer-clock")).to_have_text(re.compile(r"^[45]:\d\d$"))
    expect(panel.get_by_role("button", name="Stemming sluiten")).to_be_visible()
    expect(panel.locator("#steer-next-step")).to_have_text("Identiteit · stil schrijven · 8 min")

    # Volgende stap again: identity, silent writing on, eight minutes.
    panel.get_by_role("button", name="Volgende stap").click()
    expect(bar.locator(".wb-step-title")).to_have_text("Identiteit")
    expect(bar.locator(".timer-clock")).to_have_text(re.compile(r"^[78]:\d\d$"))
    expect(page.locator(".wb-silent")).to_be_visible()
    expect(panel.get_by_role("button", name="Volgende stap")).to_be_focused()
    # Step 3 was typed as 20 minutes but refused with the 0 beside it: still the plan's 20.
    expect(panel.locator("#steer-next-step")).to_have_text("Identiteit · identiteitskaart · 20 min")
    context.close()
