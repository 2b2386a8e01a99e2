import pytest
from playwright.sync_api import expect

from coalitions.models import Coalition
from tests.browser.conftest import wait_until_live

pytestmark = pytest.mark.browser


def test_a_trekker_deletes_a_coalition_and_undoes_it_on_the_board(
    server, page, network, bob, sign_in
):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.take_part(bob, "trekker")
    sign_in(page.context, bob)
    page.goto(f"{server.url}/n/{network.slug}/#band")
    wait_until_live(page)
    page.evaluate("window.__marker = 'same page'")

    card = page.locator(f"#coalition-{coalition.pk}")
    card.get_by_role("link", name="Bewerken Techniekdag").click()
    form = page.locator("#coalition-form")
    expect(form).to_be_visible()
    form.get_by_role("button", name="Verwijderen").click()

    deleted = page.locator(f"#coalition-{coalition.pk}.coalition-deleted")
    expect(deleted).to_contain_text("Verwijderd: “Techniekdag”")
    undo = deleted.get_by_role("button", name="ongedaan maken")
    expect(undo).to_be_focused()
    assert not Coalition.objects.filter(pk=coalition.pk).exists()

    undo.click()
    card = page.locator(f"#coalition-{coalition.pk}.coalition-card")
    expect(card).to_contain_text("Techniekdag")
    expect(page.locator(".coalition-deleted")).to_have_count(0)
    assert Coalition.objects.filter(pk=coalition.pk).exists()
    assert page.evaluate("window.__marker") == "same page"
