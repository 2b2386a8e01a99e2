"""Pitfall signals: shown to members, put aside (and back) by a facilitator."""

import pytest

from coalitions.actions.models import Action
from coalitions.models import Coalition
from networks.insights.models import SignalDismissal


@pytest.fixture
def stuck(network):
    """Make the example network show the signal about coalitions without a next step."""
    return Coalition.objects.filter(network=network, next_step="").get()


def test_a_member_sees_the_signals_but_cannot_dismiss_them(client, network, bob, stuck):
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/signalen/").content.decode()
    assert "Coalities zonder volgende stap" in page
    assert "“Techniekdag”" in page
    assert "Wat helpt:" in page
    assert 'name="wegzetten"' not in page


def test_a_stranger_cannot_tell_the_network_exists(client, network, charlie):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/signalen/").status_code == 404
    url = f"/n/{network.slug}/signalen/coalitie-zonder-stap/"
    assert client.post(url, {"wegzetten": ""}).status_code == 404


def test_the_facilitator_puts_a_signal_aside(client, network, alice, stuck):
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/signalen/").content.decode()
    assert 'name="wegzetten"' in page
    response = client.post(
        f"/n/{network.slug}/signalen/coalitie-zonder-stap/",
        {"wegzetten": "", "next": f"/n/{network.slug}/"},
    )
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"
    assert SignalDismissal.objects.get().dismissed_by == alice
    page = client.get(f"/n/{network.slug}/signalen/").content.decode()
    assert "1 weggezet signaal" in page
    assert "Geen signalen" in page


def test_by_htmx_the_signals_fragment_comes_back(client, network, alice, stuck):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/signalen/coalitie-zonder-stap/",
        {"wegzetten": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section id="signals"')
    assert "<html" not in fragment


def test_a_put_aside_signal_returns_when_the_situation_changes(client, network, alice, stuck):
    client.force_login(alice)
    client.post(f"/n/{network.slug}/signalen/coalitie-zonder-stap/", {"wegzetten": ""})
    other = Coalition.objects.filter(network=network).exclude(pk=stuck.pk).first()
    Action.objects.filter(coalition=other).update(status="klaar")
    page = client.get(f"/n/{network.slug}/signalen/").content.decode()
    assert "Coalities zonder volgende stap" in page
    assert "weggezet signaal" not in page


def test_the_facilitator_brings_a_signal_back(client, network, alice, stuck):
    client.force_login(alice)
    url = f"/n/{network.slug}/signalen/coalitie-zonder-stap/"
    client.post(url, {"wegzetten": ""})
    client.post(url, {"terugzetten": ""})
    assert not SignalDismissal.objects.exists()


@pytest.mark.parametrize("who", ["bob", "cora"])
def test_only_a_facilitator_puts_signals_aside(client, network, stuck, who, request):
    client.force_login(request.getfixturevalue(who))
    url = f"/n/{network.slug}/signalen/coalitie-zonder-stap/"
    assert client.post(url, {"wegzetten": ""}).status_code == 403
    assert not SignalDismissal.objects.exists()


def test_an_unknown_signal_is_not_found(client, network, alice):
    client.force_login(alice)
    url = f"/n/{network.slug}/signalen/bestaat-niet/"
    assert client.post(url, {"wegzetten": ""}).status_code == 404


def test_a_signal_that_went_away_gets_a_clear_message(client, network, alice):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/signalen/alles-voorstel/", {"wegzetten": ""}, follow=True
    )
    assert "Dit signaal speelt niet meer." in response.content.decode()
    assert not SignalDismissal.objects.exists()


def test_a_foreign_next_address_is_ignored(client, network, alice, stuck):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/signalen/coalitie-zonder-stap/",
        {"wegzetten": "", "next": "https://evil.example.org/"},
    )
    assert response.url == f"/n/{network.slug}/signalen/"


def test_dismissing_needs_a_post(client, network, alice):
    client.force_login(alice)
    assert client.get(f"/n/{network.slug}/signalen/coalitie-zonder-stap/").status_code == 405


def test_the_page_takes_a_fixed_number_of_queries(
    client, network, alice, stuck, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(20):  # one of them reads the open actions
        client.get(f"/n/{network.slug}/signalen/")


def test_the_board_fetches_its_signals_after_loading(client, network, bob):
    client.force_login(bob)
    board = client.get(f"/n/{network.slug}/").content.decode()
    assert f'hx-get="/n/{network.slug}/signalen/?plek=bord"' in board
    presenting = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert "signalen/?plek=bord" not in presenting


def test_the_board_gets_the_signals_folded(client, network, bob, stuck):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/signalen/?plek=bord", headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<div class="board-signals"')
    assert "1 signaal over dit netwerk" in fragment
    assert "Coalities zonder volgende stap" in fragment


def test_the_board_gets_nothing_when_all_is_well(client, network, bob, stuck):
    Action.objects.create(coalition=stuck, title="Plannen")
    client.force_login(bob)
    fragment = client.get(
        f"/n/{network.slug}/signalen/?plek=bord", headers={"HX-Request": "true"}
    ).content.decode()
    assert "signaal" not in fragment
