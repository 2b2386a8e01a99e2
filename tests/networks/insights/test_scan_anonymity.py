"""Scan anonymity: figures need three respondents with an account, whom one person cannot
make up as easily as guests; and no figure compares two runs that differ by one or two.

The review's case: one member and two guests (made by one person with a join code)
answered every statement with 3, and the results gave back the member's own answers.
"""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from networks.insights import scans
from networks.insights.models import Scan, ScanResponse
from networks.insights.scans import KENMERKEN
from networks.models import User
from tests.conftest import make_user
from tests.networks.insights.data import join

MEMBER = {"doel-1": 5, "doel-2": 1, "onderzoek-1": 4, "onderzoek-2": 2}


def _scan(network, people, days_ago=1):
    """Create a closed kenmerken scan: `people` is [(user, answers)]."""
    closes = timezone.now() - timedelta(days=days_ago)
    scan = Scan.objects.create(
        network=network, kind="kenmerken", opens=closes - timedelta(days=14), closes=closes
    )
    for user, answers in people:
        ScanResponse.objects.create(scan=scan, respondent=user, answers=answers)
    return scan


def _member(network, name):
    user = make_user(name)
    join(user, network)
    return user


def _guest(network, name):
    guest = User.objects.create_guest(name)
    join(guest, network)
    return guest


def _csv(client, network, scan):
    response = client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.csv")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _all_threes():
    return dict.fromkeys(KENMERKEN.item_codes, 3)


@pytest.fixture
def one_member_two_guests(network):
    member = _member(network, "Mila")
    return _scan(
        network,
        [
            (member, MEMBER),
            (_guest(network, "Gast 1"), _all_threes()),
            (_guest(network, "Gast 2"), _all_threes()),
        ],
    )


def test_one_member_and_two_guests_show_no_figures(client, network, bob, one_member_two_guests):
    client.force_login(bob)
    rows = _csv(client, network, one_member_two_guests)
    assert all(row[2:] == [""] * len(row[2:]) for row in rows[1:])
    page = client.get(f"/n/{network.slug}/scans/{one_member_two_guests.pk}/").content.decode()
    assert "Te weinig antwoorden" in page
    assert "Per kenmerk" not in page


def test_the_pdf_shows_no_figures_either(client, network, bob, one_member_two_guests):
    client.force_login(bob)
    url = f"/n/{network.slug}/scans/{one_member_two_guests.pk}/resultaten.pdf"
    response = client.get(url)
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Te weinig antwoorden" in text
    assert "Per kenmerk" not in text


def test_guests_count_in_the_figures_once_three_accounts_answered(client, network, bob):
    people = [(_member(network, f"Lid {n}"), {"doel-1": 4}) for n in range(3)]
    people.append((_guest(network, "Gast"), {"doel-1": 1}))
    scan = _scan(network, people)
    client.force_login(bob)
    rows = _csv(client, network, scan)
    item = next(row for row in rows if row[1].startswith("Ik kan in één zin"))
    assert item[2:4] == ["4", "3,25"]  # four answers, the guest's among them


def test_an_item_needs_three_accounts_among_its_answers(network):
    """Three accounts answered, but on doel-1 two of them said "weet ik niet"."""
    people = [
        (_member(network, "A"), {"doel-1": 5, "doel-2": 4}),
        (_member(network, "B"), {"doel-1": None, "doel-2": 4}),
        (_member(network, "C"), {"doel-1": None, "doel-2": 4}),
        (_guest(network, "G1"), {"doel-1": 3, "doel-2": 3}),
        (_guest(network, "G2"), {"doel-1": 3, "doel-2": 3}),
    ]
    results = _scan(network, people).results()
    assert results.shown
    assert not results.items["doel-1"].shown  # A's answer would be 3 × mean − 6
    assert results.items["doel-2"].shown


def test_a_respondent_whose_account_is_gone_does_not_count(network):
    people = [(_member(network, n), {"doel-1": 4}) for n in ("A", "B", "C")]
    scan = _scan(network, people)
    User.objects.filter(name="C").delete()
    assert not scan.results().shown


def test_the_cohesion_advice_follows_the_same_rule(network):
    from networks.insights import advice
    from networks.insights.models import Assessment

    cohesion = dict.fromkeys(["vertrouwen-1", "vertrouwen-2", "eigenaarschap-1"], 5)
    _scan(
        network,
        [(_member(network, "Mila"), cohesion)]
        + [(_guest(network, f"G{n}"), cohesion) for n in range(2)],
    )
    leadership = advice.leadership_for(network, Assessment.for_network(network))
    assert not leadership.cohesion_figure.shown


def test_a_unit_of_results_counts_only_marked_people():
    answer_sets = [{"doel-1": 5}, {"doel-1": 3}, {"doel-1": 3}, {"doel-1": 3}]
    assert not scans.results(KENMERKEN, answer_sets, counted=[True, False, False, True]).shown
    assert scans.results(KENMERKEN, answer_sets, counted=[True, True, False, True]).shown


# Comparing with the previous run


def _runs(network, before_people, now_people):
    before = _scan(network, [(p, {"doel-1": 2}) for p in before_people], days_ago=100)
    now = _scan(network, [(p, {"doel-1": 4}) for p in now_people], days_ago=1)
    return before, now


def _summary(client, network, scan):
    return client.get(f"/n/{network.slug}/scans/{scan.pk}/").content.decode()


def test_no_change_is_shown_when_one_respondent_came_in(client, network, bob):
    people = [_member(network, n) for n in ("A", "B", "C", "D")]
    _before, now = _runs(network, people[:3], people)
    client.force_login(bob)
    page = _summary(client, network, now)
    assert "was 2,0" not in page
    assert 'class="series series-before"' not in page
    assert "Geen vergelijking met de vorige keer" in page
    rows = _csv(client, network, now)
    assert all(row[-1] == "" for row in rows[1:])


def test_no_change_is_shown_when_guests_make_up_the_difference(client, network, bob):
    people = [_member(network, n) for n in ("A", "B", "C", "D")]
    guests = [_guest(network, f"G{n}") for n in range(3)]
    _before, now = _runs(network, people[:3], people + guests)
    client.force_login(bob)
    assert "was 2,0" not in _summary(client, network, now)


def test_no_change_is_shown_when_two_respondents_left(client, network, bob):
    people = [_member(network, n) for n in ("A", "B", "C", "D", "E")]
    _before, now = _runs(network, people, people[:3])
    client.force_login(bob)
    assert "was 2,0" not in _summary(client, network, now)


def test_the_change_is_shown_for_the_same_people(client, network, bob):
    people = [_member(network, n) for n in ("A", "B", "C")]
    _before, now = _runs(network, people, people)
    client.force_login(bob)
    page = _summary(client, network, now)
    assert "+2,0" in page and "was 2,0" in page
    assert 'class="series series-before"' in page


def test_the_change_is_shown_when_three_or_more_differ(client, network, bob):
    people = [_member(network, n) for n in ("A", "B", "C", "D", "E", "F")]
    _before, now = _runs(network, people[:3], people)
    client.force_login(bob)
    assert "was 2,0" in _summary(client, network, now)


def test_the_demo_s_runs_show_their_figures_and_the_change(client, network, bob):
    from canvas.tools.demo_region import add_scans

    add_scans(network)
    first, second = network.scans.order_by("opens")
    assert first.results().shown and second.results().shown
    assert not User.objects.get(email="respondent1@demo.invalid").has_usable_password()
    client.force_login(bob)
    assert 'class="series series-before"' in _summary(client, network, second)
