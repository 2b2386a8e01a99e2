"""The workshop room on the board: "Volgende stap" in the facilitator's dock, the step
card a phone shows first, and what the four levels of involvement mean."""

import re

import pytest

from canvas.prompts import LEADERSHIP
from canvas.workshops.forms import next_step, step_choices
from canvas.workshops.models import Workshop
from networks.models import Membership, User
from tests.canvas.workshops import start_workshop

HX = {"HX-Request": "true"}


@pytest.fixture
def workshop(network, alice):
    return start_workshop(network, alice)


def _steer(client, network, data, **kwargs):
    return client.post(f"/n/{network.slug}/workshop/sturen/", data, **kwargs)


def _card(html):
    return re.search(r'<div class="step-card[^"]*" id="step-card".*?</div>', html, re.S)[0]


# -- next step ------------------------------------------------------------------------


def test_the_next_step_follows_the_usual_walk(network, workshop):
    assert next_step(workshop)[0] == "identity"  # before the first step: the first
    workshop.go_to("identity")
    assert next_step(workshop)[0] == "identity.passion"
    workshop.go_to("identity", "style")  # identity's last prompt: then the band
    assert next_step(workshop)[0] == "coalitions"
    workshop.go_to("coalitions")
    assert next_step(workshop)[0] == "rules"
    last = LEADERSHIP.prompts[-1]
    workshop.go_to("leadership", last.slug)
    assert next_step(workshop) is None
    steps = [value for _group, options in step_choices() for value, _label in options]
    assert steps[-1] == f"leadership.{last.slug}"


def test_volgende_stap_moves_on_and_keeps_the_focus(network, workshop, alice, client):
    workshop.go_to("identity", "passion")
    client.force_login(alice)
    board = client.get(f"/n/{network.slug}/").content.decode()
    form = re.search(r'<form class="steer-group steer-next".*?</form>', board, re.S)[0]
    assert 'name="step" value="identity.ambition"' in form
    assert "Verbinding op ambitie" in form and 'name="csrfmiddlewaretoken"' in form
    response = _steer(
        client, network, {"action": "next-step", "step": "identity.ambition"}, headers=HX
    )
    assert response.status_code == 200
    workshop.refresh_from_db()
    assert (workshop.step_block, workshop.step_prompt) == ("identity", "ambition")
    html = response.content.decode()
    form = re.search(r'<form class="steer-group steer-next".*?</form>', html, re.S)[0]
    assert 'value="identity.position"' in form and " autofocus" in form
    # The bar and the phone's step card come along, out of band.
    assert 'id="workshop-bar"' in html
    card = _card(html)
    assert 'hx-swap-oob="true"' in card and "Verbinding op ambitie" in card


def test_a_faulty_next_step_changes_nothing(network, workshop, alice, client):
    workshop.go_to("identity", "passion")
    client.force_login(alice)
    response = _steer(client, network, {"action": "next-step", "step": "nergens"}, headers=HX)
    assert response.status_code == 422
    assert "Kies een bouwsteen of vraag uit de lijst." in response.content.decode()
    workshop.refresh_from_db()
    assert (workshop.step_block, workshop.step_prompt) == ("identity", "passion")


@pytest.mark.parametrize("who", ["cora", "bob"])
def test_only_facilitators_go_to_the_next_step(network, workshop, who, request, client):
    workshop.go_to("identity", "passion")
    client.force_login(request.getfixturevalue(who))
    assert (
        _steer(client, network, {"action": "next-step", "step": "identity.ambition"}).status_code
        == 403
    )
    workshop.refresh_from_db()
    assert workshop.step_prompt == "passion"
    assert "steer-next" not in client.get(f"/n/{network.slug}/").content.decode()


def test_after_the_last_step_there_is_no_next(network, workshop, alice, client):
    workshop.go_to("leadership", LEADERSHIP.prompts[-1].slug)
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert 'id="workshop-panel"' in html and "steer-next" not in html


# -- the step card on a phone ----------------------------------------------------------


@pytest.fixture
def guest(network, join_link):
    user = User.objects.create_guest("Gina")
    Membership.objects.create(
        network=network, user=user, role=Membership.Role.MEMBER, join_link=join_link
    )
    return user


@pytest.mark.parametrize("who", ["bob", "guest", "alice"])
def test_at_a_prompt_step_the_card_asks_its_question_with_the_add_control(
    network, workshop, who, request, client
):
    workshop.go_to("identity", "passion")
    client.force_login(request.getfixturevalue(who))
    html = client.get(f"/n/{network.slug}/").content.decode()
    card = _card(html)
    assert '<h2 class="step-card-title" id="step-card-title">Verbinding op passie</h2>' in card
    assert "Welk gedeeld thema geeft ons energie?" in card
    add = f"/n/{network.slug}/vragen/passion/nieuw/"
    assert f'href="{add}#add-passion" hx-get="{add}"' in card
    assert 'hx-target="#prompt-notes-passion"' in card
    # Above the board and the steering panel: the first thing under the bar.
    assert html.index('id="step-card"') < html.index('id="board"')
    assert html.index('id="workshop-bar"') < html.index('id="step-card"')


def test_at_a_block_step_the_card_points_to_the_block(network, workshop, bob, client):
    workshop.go_to("rules")
    client.force_login(bob)
    card = _card(client.get(f"/n/{network.slug}/").content.decode())
    assert "Spelregels" in card and "Wat spreken we af?" in card
    assert "/nieuw/" not in card and 'href="#block-rules"' in card


def test_without_a_step_the_card_is_empty(network, workshop, bob, client):
    client.force_login(bob)
    card = _card(client.get(f"/n/{network.slug}/").content.decode())
    assert "step-card-none" in card and "<h2" not in card
    Workshop.objects.all().delete()
    card = _card(client.get(f"/n/{network.slug}/").content.decode())
    assert "step-card-none" in card


def test_the_card_follows_the_room(network, workshop, bob, client):
    client.force_login(bob)
    workshop.go_to("identity", "style")
    response = client.get(f"/n/{network.slug}/workshop/?deel=stap", headers=HX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.lstrip().startswith('<div class="step-card"')
    assert "Verbinding op stijl" in html
    assert client.get(f"/n/{network.slug}/workshop/?deel=stap").status_code == 302  # no htmx


def test_the_card_is_not_for_strangers(network, workshop, charlie, client):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/workshop/?deel=stap", headers=HX).status_code == 404


# -- the four levels, explained where a phone reads them --------------------------------


def test_the_band_says_what_the_levels_mean(network, bob, client):
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    help_ = re.search(r'<details class="levels-help">.*?</details>', html, re.S)[0]
    assert "<summary>Wat betekenen de niveaus?</summary>" in help_
    for level in ("weten", "meedenken", "meedoen", "meebepalen"):
        assert f"<dt>{level}</dt>" in help_
    assert "je trekt de coalitie" in help_
    band = client.get(f"/n/{network.slug}/coalities/", headers=HX).content.decode()
    assert 'class="levels-help"' in band  # also when the band is fetched again
