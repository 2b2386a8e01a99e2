"""Scans, their answers, the advice answers and dismissed signals as models."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from networks.insights.models import Assessment, Scan, ScanResponse, SignalDismissal
from tests.conftest import make_user


def make_scan(network, opens, closes, kind="kenmerken"):
    return Scan.objects.create(network=network, kind=kind, opens=opens, closes=closes)


def test_a_scan_is_open_between_its_opening_and_closing(network):
    now = timezone.now()
    scan = make_scan(network, now - timedelta(days=1), now + timedelta(days=1))
    assert scan.is_open(now)
    assert not scan.is_closed(now)
    assert not scan.is_open(now + timedelta(days=1))
    assert scan.is_closed(now + timedelta(days=1))
    assert list(Scan.objects.open(now)) == [scan]


def test_closing_a_scan_ends_it_now(network):
    now = timezone.now()
    scan = make_scan(network, now - timedelta(days=1), now + timedelta(days=1))
    scan.close(now)
    scan.refresh_from_db()
    assert scan.closes == now
    assert scan.is_closed(now)


def test_a_scan_that_has_not_opened_closes_at_its_opening(network):
    now = timezone.now()
    scan = make_scan(network, now + timedelta(days=1), now + timedelta(days=2))
    scan.close(now)
    assert scan.closes == scan.opens


def test_a_scan_cannot_close_before_it_opens(network):
    now = timezone.now()
    with pytest.raises(IntegrityError):
        make_scan(network, now, now - timedelta(days=1))


def test_the_previous_run_is_the_same_scan_before_this_one(network):
    now = timezone.now()
    first = make_scan(network, now - timedelta(days=90), now - timedelta(days=80))
    make_scan(network, now - timedelta(days=60), now - timedelta(days=50), kind="samenwerking")
    second = make_scan(network, now - timedelta(days=10), now - timedelta(days=1))
    assert second.previous() == first
    assert first.previous() is None


def test_a_person_answers_a_scan_once(network, bob):
    now = timezone.now()
    scan = make_scan(network, now, now + timedelta(days=1))
    ScanResponse.objects.create(scan=scan, respondent=bob, answers={})
    with pytest.raises(IntegrityError):
        ScanResponse.objects.create(scan=scan, respondent=bob, answers={})


def test_results_come_from_the_answers(network):
    now = timezone.now()
    scan = make_scan(network, now - timedelta(days=2), now - timedelta(days=1))
    for value in (2, 3, 4):
        person = make_user(f"Respondent {value}")  # with an account: they count
        ScanResponse.objects.create(scan=scan, respondent=person, answers={"doel-1": value})
    assert scan.results().items["doel-1"].mean == 3


def test_a_network_without_advice_answers_gets_a_blank_set(network):
    assessment = Assessment.for_network(network)
    assert assessment.pk is None
    assert assessment.type_answers == {"purpose": "", "dependence": "", "impact": ""}


def test_a_judgement_must_be_one_of_the_choices(network):
    with pytest.raises(IntegrityError):
        Assessment.objects.create(network=network, cohesion="gemiddeld")


def test_a_signal_is_put_aside_once_per_network(network):
    SignalDismissal.objects.create(network=network, code="alles-samen", fingerprint="a")
    with pytest.raises(IntegrityError):
        SignalDismissal.objects.create(network=network, code="alles-samen", fingerprint="b")
