"""The facilitator's controls: only facilitators steer; each control does what it says."""

import pytest

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Vote, Workshop
from tests.canvas.workshops import open_vote, run_clock, start_workshop

HX = {"HX-Request": "true"}

CONTROLS = [
    {"action": "step", "step": "identity.passion"},
    {"action": "timer", "timer": "start", "minutes": "5"},
    {"action": "silent", "silent": "aan"},
    {"action": "reveal", "names": "ja"},
    {"action": "vote", "target": "ambitions", "dots_per_person": "3", "max_per_item": "2"},
    {"action": "close_vote"},
    {"action": "sort"},
    {"action": "end"},
]


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice)


def _steer(client, network, data, **kwargs):
    return client.post(f"/n/{network.slug}/workshop/sturen/", data, **kwargs)


def _state(workshop):
    workshop.refresh_from_db()
    return (
        workshop.step_block,
        workshop.step_prompt,
        workshop.timer_seconds,
        workshop.silent,
        workshop.ended_at,
        workshop.votes.count(),
    )


@pytest.mark.parametrize("data", CONTROLS, ids=[c["action"] for c in CONTROLS])
@pytest.mark.parametrize("who", ["cora", "bob"])
def test_only_facilitators_steer(network, workshop, data, who, request, client):
    client.force_login(request.getfixturevalue(who))
    before = _state(workshop)
    assert _steer(client, network, data).status_code == 403
    assert _state(workshop) == before


def test_a_stranger_gets_a_404(network, workshop, charlie, client):
    client.force_login(charlie)
    assert _steer(client, network, CONTROLS[0]).status_code == 404
    assert client.get(f"/n/{network.slug}/workshop/", headers=HX).status_code == 404


def test_steering_goes_back_to_the_board_without_javascript(network, workshop, alice, client):
    client.force_login(alice)
    response = _steer(client, network, {"action": "step", "step": "rules.conflicts"})
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#workshop"
    assert _state(workshop)[:2] == ("rules", "conflicts")


def test_htmx_gets_the_panel_and_the_bar_out_of_band(network, workshop, alice, client):
    client.force_login(alice)
    response = _steer(client, network, {"action": "step", "step": "identity"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section class="steer"')
    assert 'id="workshop-bar"' in html and 'hx-swap-oob="true"' in html
    assert 'data-step-anchor="block-identity"' in html


def test_an_unknown_step_is_refused_in_place(network, workshop, alice, client):
    client.force_login(alice)
    response = _steer(client, network, {"action": "step", "step": "nergens"}, headers=HX)
    assert response.status_code == 422
    assert "Kies een bouwsteen of vraag uit de lijst." in response.content.decode()
    assert _state(workshop)[:2] == ("", "")


def test_the_timer_controls(network, workshop, alice, client):
    client.force_login(alice)
    _steer(client, network, {"action": "timer", "timer": "start", "minutes": "4"})
    workshop.refresh_from_db()
    assert (workshop.timer_state, workshop.time_left()) == ("running", 240)
    run_clock(workshop, 40)
    _steer(client, network, {"action": "timer", "timer": "pause"})
    workshop.refresh_from_db()
    assert (workshop.timer_state, workshop.time_left()) == ("paused", 200)
    _steer(client, network, {"action": "timer", "timer": "add"})
    _steer(client, network, {"action": "timer", "timer": "resume"})
    workshop.refresh_from_db()
    assert (workshop.timer_state, workshop.time_left()) == ("running", 260)
    _steer(client, network, {"action": "timer", "timer": "stop"})
    workshop.refresh_from_db()
    assert workshop.timer_state == "off"


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("", "Vul in hoeveel minuten de timer loopt."),
        ("0", "Minstens 1 minuut."),
        ("x", "Vul een aantal minuten in."),
    ],
)
def test_a_timer_without_sensible_minutes_is_refused(
    network, workshop, alice, client, minutes, message
):
    client.force_login(alice)
    response = _steer(
        client, network, {"action": "timer", "timer": "start", "minutes": minutes}, headers=HX
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert _state(workshop)[2] == 0


def test_the_timer_survives_a_reload_and_a_late_joiner_sees_the_time_left(
    network, workshop, alice, bob, client
):
    workshop.go_to("identity")
    workshop.start_timer(5)
    run_clock(workshop, 125)
    client.force_login(bob)  # joins late
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert 'data-remaining="175"' in html and "data-running" in html
    assert ">2:55<" in html
    workshop.pause_timer()
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert 'data-remaining="175"' in html and "data-running" not in html
    assert "gepauzeerd" in html


def test_silent_writing_on_and_off(network, workshop, alice, bob, client):
    client.force_login(alice)
    _steer(client, network, {"action": "silent", "silent": "aan"})
    assert Workshop.objects.get(pk=workshop.pk).silent
    client.force_login(bob)
    assert "Stil schrijven." in client.get(f"/n/{network.slug}/").content.decode()
    client.force_login(alice)
    _steer(client, network, {"action": "silent", "silent": "uit"})
    assert not Workshop.objects.get(pk=workshop.pk).silent


def test_revealing_with_or_without_names(network, workshop, alice, bob, client):
    first = Note.add(network, PROMPTS["passion"], "Eerste", bob, hidden=True)
    client.force_login(alice)
    _steer(client, network, {"action": "reveal"})  # the box "met namen" unticked
    first.refresh_from_db()
    assert (first.hidden, first.anonymous) == (False, True)
    second = Note.add(network, PROMPTS["passion"], "Tweede", bob, hidden=True)
    _steer(client, network, {"action": "reveal", "names": "ja"})
    second.refresh_from_db()
    assert (second.hidden, second.anonymous) == (False, False)


def test_opening_a_vote(network, workshop, alice, client):
    client.force_login(alice)
    data = {
        "action": "vote",
        "target": "prompt",
        "prompt": "passion",
        "dots_per_person": "5",
        "max_per_item": "3",
        "hide_results": "on",
    }
    assert _steer(client, network, data).status_code == 302
    vote = Vote.objects.get()
    assert (vote.prompt, vote.dots_per_person, vote.max_per_item, vote.hide_results) == (
        "passion",
        5,
        3,
        True,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"prompt": ""}, "Kies de vraag waarvan de notities meedoen."),
        ({"max_per_item": "4"}, "Niet meer dan de 3 stippen die iedereen heeft."),
        ({"dots_per_person": "50"}, "Tussen 1 en 20 stippen per persoon."),
        ({"target": "alles"}, "Kies een vraag, de ambities of de coalities."),
    ],
)
def test_a_vote_that_makes_no_sense_is_refused(network, workshop, alice, client, changes, message):
    client.force_login(alice)
    data = {"action": "vote", "target": "prompt", "prompt": "passion", "dots_per_person": "3"}
    data |= {"max_per_item": "2", **changes}
    response = _steer(client, network, data, headers=HX)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_one_vote_at_a_time(network, workshop, alice, client):
    open_vote(workshop)
    client.force_login(alice)
    data = {"action": "vote", "target": "ambitions", "dots_per_person": "3", "max_per_item": "2"}
    response = _steer(client, network, data, headers=HX)
    assert response.status_code == 422
    assert "Er loopt al een stemming" in response.content.decode()
    assert Vote.objects.count() == 1


def test_closing_the_vote(network, workshop, alice, client):
    vote = open_vote(workshop)
    client.force_login(alice)
    _steer(client, network, {"action": "close_vote"})
    vote.refresh_from_db()
    assert vote.closed_at is not None


def test_ending_shows_the_summary(network, workshop, alice, client):
    client.force_login(alice)
    response = _steer(client, network, {"action": "end"})
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/workshops/{workshop.pk}/"
    assert not Workshop.objects.get(pk=workshop.pk).is_running
    response = _steer(client, network, {"action": "end"}, headers=HX)
    assert response.status_code == 409  # nothing left to end
    assert "Er loopt geen workshop (meer)" in response.content.decode()


def test_ending_with_htmx_redirects_the_browser(network, workshop, alice, client):
    client.force_login(alice)
    response = _steer(client, network, {"action": "end"}, headers=HX)
    assert response.headers["HX-Redirect"] == f"/n/{network.slug}/workshops/{workshop.pk}/"


def test_an_unknown_button_is_a_bad_request(network, workshop, alice, client):
    client.force_login(alice)
    assert _steer(client, network, {"action": "ontploffen"}).status_code == 400


def test_steering_needs_post(network, workshop, alice, client):
    client.force_login(alice)
    assert client.get(f"/n/{network.slug}/workshop/sturen/").status_code == 405


def test_the_bar_and_panel_fragments(network, workshop, alice, bob, client):
    workshop.go_to("identity", "passion")
    client.force_login(bob)
    bar = client.get(f"/n/{network.slug}/workshop/", headers=HX)
    assert bar.status_code == 200
    assert 'id="workshop-bar"' in bar.content.decode() and "<html" not in bar.content.decode()
    assert "Verbinding op passie" in bar.content.decode()
    assert client.get(f"/n/{network.slug}/workshop/?deel=paneel", headers=HX).status_code == 403
    assert client.get(f"/n/{network.slug}/workshop/").status_code == 302
    client.force_login(alice)
    panel = client.get(f"/n/{network.slug}/workshop/?deel=paneel", headers=HX)
    assert 'id="workshop-panel"' in panel.content.decode()


def test_members_see_no_panel_and_facilitators_do(network, workshop, alice, cora, client):
    client.force_login(cora)
    assert 'id="workshop-panel"' not in client.get(f"/n/{network.slug}/").content.decode()
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert 'id="workshop-panel"' in html and "Workshop sturen" in html


def test_the_board_reads_the_workshop_in_a_few_queries(
    network, workshop, alice, client, django_assert_max_num_queries
):
    workshop.go_to("identity", "passion")
    workshop.start_timer(5)
    open_vote(workshop)
    client.force_login(alice)
    with django_assert_max_num_queries(30):
        assert client.get(f"/n/{network.slug}/").status_code == 200


def test_the_bar_shows_the_results_until_the_next_step(network, workshop, alice, bob, client):
    workshop.go_to("identity", "passion")
    vote = open_vote(workshop)
    note = Note.objects.revealed().filter(network=network, prompt="passion").first()
    vote.place(bob, note)
    vote.close()
    client.force_login(bob)
    bar = client.get(f"/n/{network.slug}/workshop/", headers=HX).content.decode()
    assert "Uitslag: Verbinding op passie" in bar and note.text in bar
    workshop.go_to("rules")
    bar = client.get(f"/n/{network.slug}/workshop/", headers=HX).content.decode()
    assert "Uitslag" not in bar
