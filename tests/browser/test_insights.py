"""Key journeys of the analysis pages in a real browser."""

from datetime import timedelta

import pytest
from django.utils import timezone

from coalitions.models import Coalition
from networks.insights.models import Scan, ScanResponse, SignalDismissal
from networks.insights.scans import SAMENWERKING
from tests.networks.insights.data import make_closed_scan, make_region

pytestmark = pytest.mark.browser


def watch_console(page):
    """Collect the browser's errors (a blocked style or script would show here).

    The browser asks for /favicon.ico on its own; the app has none, which is no problem.
    """
    problems = []

    def note(message):
        if message.type == "error" and not message.location["url"].endswith("/favicon.ico"):
            problems.append(message.text)

    page.on("console", note)
    return problems


def test_a_member_answers_a_scan_on_a_phone(server, page, network, alice, bob, sign_in):
    scan = Scan.objects.create(
        network=network,
        kind="samenwerking",
        opened_by=alice,
        closes=timezone.now() + timedelta(days=7),
    )
    sign_in(page.context, bob)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}/n/{network.slug}/scans/{scan.pk}/")
    for statement in page.locator("fieldset.statement").all():
        statement.locator("label.option").nth(3).click()  # 4: eens
    page.locator("fieldset.statement").first.get_by_text("weet ik niet").click()
    page.get_by_role("button", name="Antwoorden versturen").click()
    page.get_by_text("Dank je wel! Je antwoorden zijn bewaard.").wait_for()
    answers = ScanResponse.objects.get(scan=scan, respondent=bob).answers
    assert answers["motivatie-1"] is None
    assert [answers[code] for code in SAMENWERKING.item_codes[1:]] == [4] * 10


def test_a_facilitator_puts_a_signal_aside_in_place(server, page, network, alice, sign_in):
    problems = watch_console(page)
    assert Coalition.objects.filter(network=network, next_step="").exists()
    sign_in(page.context, alice)
    page.goto(f"{server.url}/n/{network.slug}/signalen/")
    page.evaluate("window.notReloaded = true")
    signal = page.locator(".signal", has_text="Coalities zonder volgende stap")
    signal.get_by_role("button", name="Wegzetten").click()
    page.get_by_text("1 weggezet signaal").wait_for()
    assert page.evaluate("window.notReloaded === true")  # htmx swapped the fragment
    assert SignalDismissal.objects.filter(code="coalitie-zonder-stap").exists()
    assert problems == []


def test_the_overview_draws_the_meta_network(server, page, network, alice, sign_in):
    make_region(network, alice)
    problems = watch_console(page)
    sign_in(page.context, alice)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{server.url}/overlap/")
    assert page.locator("svg.picture-wide").is_visible()
    assert not page.locator("svg.picture-narrow").is_visible()
    assert page.locator("svg.picture-wide circle").count() >= 5
    assert page.locator("table.heatmap td.h5").count() >= 1
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("svg.picture-narrow").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []  # no styles or scripts blocked by the CSP


def test_the_board_shows_signals_and_the_4c_advice(server, page, network, alice, sign_in):
    make_closed_scan(network, [{"vertrouwen-1": 4, "eigenaarschap-1": 4}] * 3)
    problems = watch_console(page)
    sign_in(page.context, alice)
    page.goto(f"{server.url}/n/{network.slug}/")
    page.get_by_text("1 signaal over dit netwerk").click()
    page.get_by_role("heading", name="Coalities zonder volgende stap").wait_for()
    advice = page.locator("#block-leadership .leadership-advice")
    advice.get_by_text("Passende leiderschapsrol: katalyserend").click()
    assert advice.get_by_text("Waarom, en zelf bijstellen").is_visible()
    assert problems == []
