import re

import pytest
from playwright.sync_api import expect

from canvas.models import Note
from coalitions.models import Coalition
from networks.models import Activity, Membership, User
from tests.browser.conftest import wait_until_live

pytestmark = pytest.mark.browser


def test_a_guest_joins_a_workshop_with_the_code_on_the_projector(
    server, browser, network, alice, sign_in
):
    facilitator = browser.new_context()
    sign_in(facilitator, alice)
    projector = facilitator.new_page()
    projector.goto(f"{server.url}/n/{network.slug}/")
    projector.get_by_role("link", name="Deelnamecodes").click()
    projector.get_by_role("button", name="Nieuwe code maken").click()
    code = projector.locator(".projector-big").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{3}-[A-Z0-9]{3}", code)

    participant = browser.new_context(viewport={"width": 390, "height": 844})
    phone = participant.new_page()
    phone.goto(server.url + "/")
    phone.get_by_role("textbox", name="Code").fill(code.lower().replace("-", ""))
    phone.get_by_role("button", name="Doe mee").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Onderwijsregio Rivierenland")
    phone.get_by_label("Je naam").fill("Gijs van Groep 3")
    phone.get_by_role("button", name="Doe mee als gast").click()
    phone.wait_for_url(f"**/n/{network.slug}/")
    expect(phone.get_by_text("Welkom! Je doet mee in Onderwijsregio Rivierenland.")).to_be_visible()
    wait_until_live(phone)
    guest = User.objects.get(name="Gijs van Groep 3")
    assert guest.is_guest
    assert Membership.objects.get(user=guest, network=network).role == "member"

    # The guest writes a note under Identiteit › Verbinding op passie.
    passion = phone.locator("#prompt-passion")
    passion.get_by_role("link", name="Notitie toevoegen bij Verbinding op passie").click()
    box = passion.get_by_role("textbox", name="Nieuwe notitie bij Verbinding op passie")
    box.fill("Nieuwsgierig naar elkaars klas")
    box.press("Enter")
    expect(passion.locator("li.note", has_text="Nieuwsgierig naar elkaars klas")).to_be_visible()
    assert Note.objects.get(text="Nieuwsgierig naar elkaars klas").author == guest

    # The facilitator sees it on the board with the guest's name, and in the log.
    projector.goto(f"{server.url}/n/{network.slug}/")
    note = projector.locator("#prompt-passion li.note", has_text="Nieuwsgierig naar elkaars")
    expect(note).to_contain_text("Gijs van Groep 3")
    projector.goto(f"{server.url}/n/{network.slug}/activiteit/")
    expect(projector.locator(".activity").first).to_contain_text(
        "Gijs van Groep 3 heeft een notitie toegevoegd bij Identiteit › Verbinding op passie"
    )
    # ... and among the people, marked as a guest.
    projector.goto(f"{server.url}/n/{network.slug}/mensen/")
    row = projector.get_by_role("row", name=re.compile("Gijs van Groep 3"))
    expect(row).to_contain_text("gast")
    facilitator.close()
    participant.close()


def test_a_member_edits_a_coalition_only_after_taking_part(server, page, network, bob, sign_in):
    coalition = Coalition.objects.filter(network=network).first()
    edit_url = f"{server.url}/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    sign_in(page.context, bob)
    page.goto(f"{server.url}/n/{network.slug}/")
    wait_until_live(page)
    card = page.locator(f"#coalition-{coalition.pk}")
    expect(card.get_by_role("link", name=re.compile("Bewerken"))).to_have_count(0)
    assert page.request.get(edit_url).status == 403  # the URL itself refuses, too

    card.get_by_role("button", name=re.compile("Ik doe mee")).click()
    expect(card).to_contain_text("Jij doet mee")
    card.get_by_role("link", name=re.compile("Bewerken")).click()
    # htmx focuses the form's [autofocus] field once the swap settles (20 ms later): typing
    # before that would land in the name field, as a person typing that fast would too.
    expect(page.locator("#coalition-form [autofocus]")).to_be_focused()
    page.get_by_label("Doelgroep").fill("Intake plannen met de hogeschool")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(f"#coalition-{coalition.pk}")).to_contain_text(
        "Intake plannen met de hogeschool"
    )
    coalition.refresh_from_db()
    assert coalition.target_group == "Intake plannen met de hogeschool"
    assert Activity.objects.filter(kind="coalition.joined", user=bob).exists()


def test_a_wrong_code_says_so_next_to_the_field(server, page, join_link):
    page.goto(server.url + "/")
    page.get_by_role("textbox", name="Code").fill("AAA-AAA")
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code kennen we niet")
