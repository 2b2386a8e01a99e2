"""Self-scans: opening, answering (anonymously), closing, results and exports."""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from networks.insights.models import Scan, ScanResponse
from networks.insights.scans import KENMERKEN, SAMENWERKING
from networks.models import Activity
from tests.conftest import make_user
from tests.networks.insights.data import make_closed_scan, make_network


def in_days(days):
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.fixture
def open_scan(network, alice):
    return Scan.objects.create(
        network=network,
        kind="samenwerking",
        opened_by=alice,
        closes=timezone.now() + timedelta(days=7),
    )


def all_answers(value="4"):
    return dict.fromkeys(SAMENWERKING.item_codes, value)


# Opening a scan


@pytest.mark.parametrize("who", ["alice", "cora"])
def test_facilitators_and_coordinators_open_a_scan(client, network, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(
        f"/n/{network.slug}/scans/", {"kind": "kenmerken", "closes_on": in_days(14)}
    )
    scan = Scan.objects.get()
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/scans/{scan.pk}/"
    assert scan.is_open()
    assert timezone.localtime(scan.closes).date() == timezone.localdate() + timedelta(days=15)
    logged = Activity.objects.get()
    assert (logged.user, logged.kind) == (request.getfixturevalue(who), "scan.opened")
    today = date_format(timezone.localdate())
    assert logged.sentence().endswith(
        f"heeft de scan “Zeven kenmerken van een lerend netwerk” van {today} geopend"
    )


def test_a_member_may_not_open_a_scan(client, network, bob):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/scans/", {"kind": "kenmerken", "closes_on": in_days(14)}
    )
    assert response.status_code == 403
    assert not Scan.objects.exists()
    assert "Een scan openen" not in client.get(f"/n/{network.slug}/scans/").content.decode()


def test_a_stranger_cannot_tell_the_scans_exist(client, network, charlie, open_scan):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/scans/").status_code == 404
    assert client.get(f"/n/{network.slug}/scans/{open_scan.pk}/").status_code == 404


def test_a_closing_day_in_the_past_is_refused_with_a_message(client, network, alice):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/scans/", {"kind": "kenmerken", "closes_on": in_days(-1)}
    )
    assert response.status_code == 422
    assert "Kies vandaag of een dag in de toekomst." in response.content.decode()
    assert not Scan.objects.exists()


def test_a_second_run_of_the_same_scan_cannot_overlap(client, network, alice, open_scan):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/scans/", {"kind": "samenwerking", "closes_on": in_days(3)}
    )
    assert response.status_code == 422
    assert "Deze scan loopt al" in response.content.decode()
    assert Scan.objects.count() == 1


def test_the_list_shows_open_and_closed_scans_newest_first(client, network, bob, open_scan):
    make_closed_scan(network, [{}, {}, {}, {}], days_ago=100)
    make_closed_scan(network, [{}, {}, {}], days_ago=1)
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/scans/").content.decode()
    assert "Samenwerkingsscan in vier perspectieven" in page
    assert "Invullen" in page
    assert page.index("3 deelnemers antwoordden.") < page.index("4 deelnemers antwoordden.")


# Answering


def test_a_member_answers_an_open_scan(client, network, bob, open_scan):
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/scans/{open_scan.pk}/").content.decode()
    assert "We voelen samen de urgentie van de opgave." in page
    answers = {**all_answers("4"), "motivatie-1": "x"}
    response = client.post(f"/n/{network.slug}/scans/{open_scan.pk}/", answers)
    assert response.status_code == 302
    stored = ScanResponse.objects.get(scan=open_scan, respondent=bob).answers
    assert stored["motivatie-1"] is None
    assert stored["motivatie-2"] == 4


def test_a_member_changes_their_answer_while_it_is_open(client, network, bob, open_scan):
    client.force_login(bob)
    client.post(f"/n/{network.slug}/scans/{open_scan.pk}/", all_answers("2"))
    page = client.get(f"/n/{network.slug}/scans/{open_scan.pk}/").content.decode()
    assert "Je hebt deze scan al ingevuld" in page
    assert re.search(r'name="motivatie-1" value="2"[^>]*checked', page)
    client.post(f"/n/{network.slug}/scans/{open_scan.pk}/", all_answers("5"))
    assert ScanResponse.objects.filter(scan=open_scan).count() == 1
    assert ScanResponse.objects.get().answers["organisatie-1"] == 5


def test_a_missing_answer_is_refused_and_nothing_is_stored(client, network, bob, open_scan):
    client.force_login(bob)
    answers = all_answers()
    del answers["realisatie-2"]
    response = client.post(f"/n/{network.slug}/scans/{open_scan.pk}/", answers)
    assert response.status_code == 422
    assert "Kies een antwoord, of “weet ik niet”." in response.content.decode()
    assert not ScanResponse.objects.exists()


def test_an_answer_off_the_scale_is_refused(client, network, bob, open_scan):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/scans/{open_scan.pk}/", {**all_answers(), "motivatie-1": "9"}
    )
    assert response.status_code == 422
    assert not ScanResponse.objects.exists()


def test_a_closed_scan_takes_no_more_answers(client, network, bob):
    scan = make_closed_scan(network, [{}, {}, {}], kind="samenwerking")
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/scans/{scan.pk}/", all_answers(), follow=True)
    assert "Deze scan is gesloten" in response.content.decode()
    assert not ScanResponse.objects.filter(respondent=bob).exists()


def test_a_scan_of_another_network_is_not_found(client, network, bob):
    other = make_network("Ander netwerk", ["Iemand"])
    scan = Scan.objects.create(
        network=other,
        kind="kenmerken",
        opens=timezone.now() - timedelta(days=2),
        closes=timezone.now() - timedelta(days=1),
    )
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/scans/{scan.pk}/").status_code == 404


# Closing and results


def test_results_wait_until_the_scan_closes(client, network, alice, open_scan):
    for value in "345":
        person_answers = all_answers(value)
        ScanResponse.objects.create(
            scan=open_scan,
            respondent=make_user(f"Respondent {value}"),
            answers={k: int(v) for k, v in person_answers.items()},
        )
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/scans/{open_scan.pk}/").content.decode()
    assert "3 deelnemers hebben geantwoord" in page
    assert "Resultaten" not in page
    assert client.get(f"/n/{network.slug}/scans/{open_scan.pk}/resultaten.csv").status_code == 404

    response = client.post(f"/n/{network.slug}/scans/{open_scan.pk}/sluiten/")
    assert response.status_code == 302
    open_scan.refresh_from_db()
    assert not open_scan.is_open()
    page = client.get(f"/n/{network.slug}/scans/{open_scan.pk}/").content.decode()
    assert "Per kenmerk" in page
    assert "4,0" in page  # the mean of 3, 4 and 5
    assert 'class="radar"' in page


def test_a_member_may_not_close_a_scan(client, network, bob, open_scan):
    client.force_login(bob)
    assert client.post(f"/n/{network.slug}/scans/{open_scan.pk}/sluiten/").status_code == 403
    open_scan.refresh_from_db()
    assert open_scan.is_open()


def test_closing_needs_a_post(client, network, alice, open_scan):
    client.force_login(alice)
    assert client.get(f"/n/{network.slug}/scans/{open_scan.pk}/sluiten/").status_code == 405


def test_two_respondents_show_nothing(client, network, bob):
    scan = make_closed_scan(network, [{"doel-1": 1}, {"doel-1": 5}])
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/scans/{scan.pk}/").content.decode()
    assert "Te weinig antwoorden" in page
    assert "Per kenmerk" not in page
    csv_text = client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.csv").content
    rows = csv_text.decode("utf-8-sig").splitlines()[1:]
    assert all(row.split(";")[2:5] == ["", "", ""] for row in rows)


def test_answers_are_never_shown_per_person(client, network, alice):
    answers = [
        {"doel-1": 1, "doel-2": 2},
        {"doel-1": 5, "doel-2": 5},
        {"doel-1": 3, "doel-2": None},
    ]
    scan = make_closed_scan(network, answers)
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/scans/{scan.pk}/").content.decode()
    for response in ScanResponse.objects.filter(scan=scan).select_related("respondent"):
        assert response.respondent.name not in page
        assert response.respondent.email not in page
    csv_text = client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.csv").content
    csv_text = csv_text.decode("utf-8-sig")
    assert "Respondent" not in csv_text
    # One line per characteristic and per statement, never per person.
    assert len(csv_text.splitlines()) == 1 + len(KENMERKEN.characteristics) + len(KENMERKEN.items)
    assert "Ik kan in één zin zeggen waar ons netwerk voor staat.;3;3,00;1,63;1;0;1;0;1;0" in (
        csv_text
    )


def test_results_compare_with_the_previous_run(client, network, bob):
    make_closed_scan(network, [{"doel-1": 2}] * 3, days_ago=100)
    scan = make_closed_scan(network, [{"doel-1": 4}] * 3, days_ago=1)
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/scans/{scan.pk}/").content.decode()
    assert "Verschil" in page
    assert "+2,0" in page
    assert "was 2,0" in page
    assert 'class="series series-before"' in page


def test_the_results_print_on_a4(client, network, bob):
    scan = make_closed_scan(network, [{"doel-1": 4}] * 3)
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    assert "Zeven kenmerken van een lerend netwerk" in reader.pages[0].extract_text()


def test_an_unknown_export_format_is_not_found(client, network, bob):
    scan = make_closed_scan(network, [{}] * 3)
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/scans/{scan.pk}/resultaten.doc").status_code == 404
