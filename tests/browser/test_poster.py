import threading

import pytest

from canvas.models import Note
from canvas.records import poster
from canvas.records.models import CanvasVersion
from tests.canvas.records.posters import page_sizes_mm

pytestmark = pytest.mark.browser


def _stay(page):
    """Mark the page, so a full reload (which forgets the mark) can be told apart."""
    page.evaluate("window.stayed = true")


def _stayed(page):
    return page.evaluate("window.stayed === true")


def test_a_member_sees_progress_and_gets_the_poster(
    server, page, network, bob, sign_in, monkeypatch
):
    render = poster.render_poster
    seen = threading.Event()

    def slow_render(*args, **kwargs):
        # A large canvas takes seconds: this one renders once the test has seen the
        # progress (no fixed sleep to hope it is long enough).
        seen.wait(30)
        return render(*args, **kwargs)

    monkeypatch.setattr(poster, "render_poster", slow_render)
    sign_in(page.context, bob)
    page.goto(f"{server.url}/n/{network.slug}/poster/")
    _stay(page)
    page.locator("#poster-form").get_by_text("A3", exact=True).click()
    progress = page.get_by_text("De poster wordt gemaakt")
    assert not progress.is_visible()
    try:
        with page.expect_download() as download:
            page.get_by_role("button", name="Poster maken (PDF)").click()
            progress.wait_for(state="visible")
            assert page.get_by_role("button", name="Poster maken (PDF)").is_disabled()
            seen.set()
    finally:
        seen.set()  # a failed check leaves no render waiting
    pdf = download.value.path().read_bytes()
    assert page_sizes_mm(pdf) == [(420, 297)]
    assert download.value.suggested_filename.endswith("-A3.pdf")
    assert page.get_by_role("link", name="poster downloaden (A3, PDF").is_visible()
    assert not progress.is_visible()
    assert _stayed(page)


def test_a_coordinator_saves_a_version_and_compares_it_with_now(
    server, page, network, cora, sign_in
):
    sign_in(page.context, cora)
    page.goto(f"{server.url}/n/{network.slug}/versies/")
    _stay(page)
    page.get_by_label("Naam van de versie").fill("Workshop 1 — 14 maart")
    page.get_by_role("button", name="Versie opslaan").click()
    page.get_by_text("Versie “Workshop 1 — 14 maart” opgeslagen.").wait_for()
    assert _stayed(page)
    assert CanvasVersion.objects.get().label == "Workshop 1 — 14 maart"

    Note.objects.filter(text="Trots op het vak van leraar").update(
        text="Trots op het mooie vak van leraar"
    )
    page.get_by_role("link", name="Vergelijken met nu", exact=True).click()
    page.wait_for_url("**/versies/vergelijken/**")
    assert "1 gewijzigd" in page.locator(".summary").inner_text()
    assert page.locator("ins").first.inner_text() == "mooie "

    page.get_by_role("navigation", name="Netwerk").get_by_role("link", name="Versies").click()
    page.get_by_role("link", name="Terugzetten…").click()
    page.get_by_role("button", name="Ja, terugzetten").click()
    page.get_by_text("Het canvas is teruggezet naar “Workshop 1 — 14 maart”").wait_for()
    assert Note.objects.filter(text="Trots op het vak van leraar").exists()
    backup = page.get_by_role("link", name="Automatisch bewaard vóór terugzetten", exact=False)
    assert backup.first.is_visible()


def test_an_invalid_label_is_shown_in_place(server, page, network, alice, sign_in):
    sign_in(page.context, alice)
    page.goto(f"{server.url}/n/{network.slug}/versies/")
    _stay(page)
    field = page.get_by_label("Naam van de versie")
    field.fill(" ")
    field.evaluate("element => element.removeAttribute('required')")
    page.get_by_role("button", name="Versie opslaan").click()
    page.get_by_text("Geef de versie een naam.").wait_for()
    assert _stayed(page)
    assert CanvasVersion.objects.count() == 0
