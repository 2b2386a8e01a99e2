"""The advice page: network type, the 4C leadership role, the nine factors."""

import pytest

from networks.insights.models import Assessment
from tests.networks.insights.data import make_closed_scan

TYPE_ANSWERS = {
    "purpose": "lerend netwerk",
    "dependence": "lerend netwerk",
    "impact": "organisatienetwerk",
    "type": "",
}


def test_a_member_reads_the_advice_without_forms(client, network, bob):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/advies/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Vorm volgt inhoud" in page
    assert "nog niet beantwoord" in page
    assert 'name="purpose"' not in page
    assert 'name="factors_discussed"' not in page


def test_a_stranger_cannot_tell_the_network_exists(client, network, charlie):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/advies/").status_code == 404


def test_the_facilitator_answers_the_type_questions(client, network, alice):
    client.force_login(alice)
    response = client.post(f"/n/{network.slug}/advies/", TYPE_ANSWERS)
    assert response.status_code == 302
    assessment = Assessment.objects.get(network=network)
    assert assessment.purpose == "lerend netwerk"
    assert assessment.updated_by == alice
    page = client.get(f"/n/{network.slug}/advies/").content.decode()
    assert "Suggestie: <strong>lerend netwerk</strong>" in page
    assert "2 van de 3 antwoorden" in page
    # The example network is recorded as an organisatienetwerk.
    assert "Vorm en inhoud lijken niet bij elkaar te passen" in page


def test_an_htmx_answer_returns_only_its_section(client, network, cora):
    client.force_login(cora)
    response = client.post(
        f"/n/{network.slug}/advies/", TYPE_ANSWERS, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section id="network-type"')
    assert "<html" not in fragment
    assert "Suggestie" in fragment


def test_a_member_may_not_answer(client, network, bob):
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/advies/", TYPE_ANSWERS)
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_an_answer_that_is_no_option_is_refused(client, network, alice):
    client.force_login(alice)
    response = client.post(f"/n/{network.slug}/advies/", {**TYPE_ANSWERS, "purpose": "club"})
    assert response.status_code == 422
    assert (
        "Selecteer een geldige keuze. club is geen beschikbare keuze." in response.content.decode()
    )
    assert not Assessment.objects.exists()


def test_a_post_without_a_known_button_is_a_bad_request(client, network, alice):
    client.force_login(alice)
    assert client.post(f"/n/{network.slug}/advies/", {"iets": ""}).status_code == 400


def test_the_leadership_role_follows_the_judgements(client, network, alice):
    client.force_login(alice)
    client.post(
        f"/n/{network.slug}/advies/",
        {"cohesion": "laag", "orientation": "interactie", "leadership": ""},
    )
    page = client.get(f"/n/{network.slug}/advies/").content.decode()
    assert "Passende leiderschapsrol: <strong>verbindend</strong>" in page
    assert "Ingevuld door de facilitator." in page


def test_the_leadership_role_is_derived_from_a_scan_and_the_type(client, network, bob):
    trust = {"vertrouwen-1": 4, "vertrouwen-2": 4, "eigenaarschap-1": 4, "eigenaarschap-2": 3}
    make_closed_scan(network, [trust] * 3)
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/advies/").content.decode()
    # Mean 3.75 → high cohesion; an organisatienetwerk → concrete goals → katalyserend.
    assert "Passende leiderschapsrol: <strong>katalyserend</strong>" in page
    assert "gemiddeld 3,75 op vertrouwen en eigenaarschap (3 deelnemers" in page


def test_without_judgements_there_is_no_role_yet(client, network, bob):
    network.network_type = ""
    network.save()
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/advies/").content.decode()
    assert "Welke leiderschapsrol past?" in page


def test_the_facilitator_ticks_off_discussed_factors(client, network, alice):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/advies/", {"factors_discussed": ["3", "7"], "factors": ""}
    )
    assert response.status_code == 302
    assert Assessment.objects.get().factors_discussed == [3, 7]


@pytest.mark.parametrize("factor", ["11", "x"])
def test_a_factor_that_does_not_exist_is_refused(client, network, alice, factor):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/advies/", {"factors_discussed": [factor], "factors": ""}
    )
    assert response.status_code == 422
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Assessment.objects.exists()


def test_the_factors_link_to_where_they_are_worked_out(client, network, bob):
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/advies/").content.decode()
    assert f'href="/n/{network.slug}/#block-coalitions"' in page
    assert f'href="/n/{network.slug}/overlap/"' in page
    assert f'href="/n/{network.slug}/scans/"' in page


def test_the_board_fetches_the_4c_advice_beside_its_leadership_block(client, network, bob):
    client.force_login(bob)
    board = client.get(f"/n/{network.slug}/").content.decode()
    loader = board.index(f'hx-get="/n/{network.slug}/advies/?deel=leiderschap"')
    # Inside the leadership block: after its start, before the band that follows it.
    assert board.index('id="block-leadership"') < loader < board.index('id="band"')


def test_the_4c_advice_comes_as_a_folded_fragment(client, network, bob):
    trust = {"vertrouwen-1": 2, "eigenaarschap-1": 2}
    make_closed_scan(network, [trust] * 3)
    client.force_login(bob)
    response = client.get(
        f"/n/{network.slug}/advies/?deel=leiderschap", headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<aside class="leadership-advice"')
    assert "<details>" in fragment  # folded on the board
    assert "Passende leiderschapsrol: <strong>consulterend</strong>" in fragment


def test_a_stranger_gets_no_4c_fragment(client, network, charlie):
    client.force_login(charlie)
    response = client.get(
        f"/n/{network.slug}/advies/?deel=leiderschap", headers={"HX-Request": "true"}
    )
    assert response.status_code == 404
