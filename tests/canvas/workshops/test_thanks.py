"""A guest at the end of a workshop: a thank-you page with the summary, what happens next,
and one field to keep taking part; the facilitator sees coalitions no trekker can reach."""

import re

import pytest
from django.core import mail

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.workshops.models import Workshop
from coalitions.models import Ambition
from networks.accounts import throttle
from networks.models import Membership, User
from tests.conftest import make_user


@pytest.fixture
def workshop(network, alice):
    return Workshop.start(network, alice, "Workshop 3 — ambities")


@pytest.fixture
def gijs(workshop, client):
    """A guest who joined the workshop with its code, in `client`."""
    client.post(
        f"/doe-mee/{workshop.join_link.token}/",
        {"guest-name": "Gijs", "guest-new_organisation": "De Brug", "guest": "1"},
    )
    return User.objects.get(name="Gijs")


@pytest.fixture
def led(network, workshop, gijs, alice):
    """Gijs commits to lead an ambition; the facilitator forms its coalition."""
    ambition = Ambition.objects.filter(network=network).first()
    ambition.commit(gijs, "meebepalen")
    return ambition.form_coalition(by=alice)


def _thanks(network):
    return f"/n/{network.slug}/bedankt/"


def test_after_the_workshop_the_guests_board_leads_to_the_thank_you_page(
    network, workshop, gijs, led, alice, bob, client
):
    Note.add(network, PROMPTS["passion"], "Wat Gijs schreef", gijs)
    workshop.silent = True
    workshop.save()
    Note.add(network, PROMPTS["passion"], "Wat Bob stil schreef", bob, hidden=True)
    workshop.end(alice)
    board = client.get(f"/n/{network.slug}/")
    assert board.status_code == 302 and board.url == _thanks(network)
    response = client.get(board.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bedankt voor het meedoen, Gijs!" in html
    assert "Workshop 3 — ambities" in html
    assert "Wat Gijs schreef" in html
    assert "Wat Bob stil schreef" in html  # the end revealed it to all
    assert led.name in html and "trekker" in html  # what they lead
    assert "Wat gebeurt er nu?" in html
    assert 'name="email"' in html and "Toegang houden" in html
    # Read-only: no way to change the canvas from here.
    assert "/notities/" not in html and f"/n/{network.slug}/workshops/" not in html


def test_it_never_shows_anothers_hidden_note(network, workshop, gijs, alice, bob, client):
    # Gijs's code ran out while the workshop still runs, in silent writing.
    workshop.silent = True
    workshop.save()
    Note.add(network, PROMPTS["passion"], "Bob schrijft stil", bob, hidden=True)
    Note.add(network, PROMPTS["passion"], "Gijs schrijft stil", gijs, hidden=True)
    workshop.join_link.revoke()
    html = client.get(_thanks(network)).content.decode()
    assert "Bob schrijft stil" not in html
    assert "Workshop 3 — ambities" in html
    assert Note.objects.filter(hidden=True).count() == 2  # still hidden: nothing revealed


def test_a_fragment_is_refused_plainly(network, workshop, gijs, alice, client):
    workshop.end(alice)
    response = client.get(f"/n/{network.slug}/workshop/", headers={"HX-Request": "true"})
    assert response.status_code == 403


def test_leaving_an_email_keeps_the_guest_in_as_a_member(
    network, workshop, gijs, led, alice, client
):
    workshop.end(alice)
    response = client.post(_thanks(network), {"email": " Gijs@Example.org "})
    assert response.status_code == 302
    gijs.refresh_from_db()
    assert (gijs.is_guest, gijs.email, gijs.has_usable_password()) == (
        False,
        "gijs@example.org",
        False,
    )
    assert not gijs.email_confirmed
    # Still signed in on this phone, and back on the board with the coalition they lead.
    board = client.get(f"/n/{network.slug}/")
    assert board.status_code == 200
    assert "Kies via de link daarin een wachtwoord" in board.content.decode()
    assert list(led.__class__.out_of_reach(network)) == []
    [message] = mail.outbox
    assert message.to == ["gijs@example.org"]
    link = re.search(r"http://127.0.0.1:8000(/account/wachtwoord-instellen/\S+)", message.body)
    # The link lets them choose a password, which confirms the address; then they sign in.
    client.logout()
    form = client.get(link.group(1), follow=True)
    new = {"new_password1": "gijs-kiest-zelf", "new_password2": "gijs-kiest-zelf"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    gijs.refresh_from_db()
    assert gijs.email_confirmed
    signed_in = client.post(
        "/account/inloggen/", {"username": "gijs@example.org", "password": "gijs-kiest-zelf"}
    )
    assert signed_in.status_code == 302
    assert client.get(f"/n/{network.slug}/").status_code == 200
    assert Membership.objects.get(user=gijs).actor.actor.name == "De Brug"


def test_a_taken_address_gets_the_same_answer_and_its_owner_a_mail(
    network, workshop, gijs, alice, client
):
    make_user("Gerda", email="gerda@example.org")
    workshop.end(alice)
    response = client.post(_thanks(network), {"email": "GERDA@example.org"})
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"  # as when it worked
    gijs.refresh_from_db()
    assert gijs.is_guest and gijs.email is None
    [message] = mail.outbox
    assert message.to == ["gerda@example.org"]
    assert "Er is al een account met dit adres" in message.body and "Gijs" in message.body
    assert "wachtwoord-instellen" not in message.body


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "Dit veld is verplicht."), ("gijs-at-home", "Voer een geldig e-mailadres in.")],
)
def test_a_bad_address_is_said_next_to_the_field(
    network, workshop, gijs, alice, client, email, message
):
    workshop.end(alice)
    response = client.post(_thanks(network), {"email": email})
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html and 'id="id_email_error"' in html
    gijs.refresh_from_db()
    assert gijs.is_guest
    assert not mail.outbox


def test_tries_that_keep_nothing_are_throttled(network, workshop, gijs, alice, client):
    workshop.end(alice)
    for _ in range(throttle.REGISTER_PER_IP.limit):
        client.post(_thanks(network), {"email": "nope"})
    response = client.post(_thanks(network), {"email": "gijs@example.org"})
    assert response.status_code == 429
    gijs.refresh_from_db()
    assert gijs.is_guest


def test_members_who_take_part_go_to_the_board(network, workshop, bob, client):
    client.force_login(bob)
    assert client.get(_thanks(network)).url == f"/n/{network.slug}/"
    assert client.post(_thanks(network), {"email": "x@example.org"}).url == f"/n/{network.slug}/"
    bob.refresh_from_db()
    assert bob.email == "bob@example.org"


def test_strangers_and_other_networks_guests_get_404(network, workshop, gijs, alice, client):
    from canvas.records.interchange import import_network
    from tests.conftest import example_document

    other = import_network(example_document())
    workshop.end(alice)
    assert client.get(_thanks(other)).status_code == 404
    client.force_login(make_user("Charlie"))
    assert client.get(_thanks(network)).status_code == 404


def test_the_summary_shows_the_facilitator_coalitions_no_trekker_can_reach(
    network, workshop, gijs, led, alice, bob, client
):
    workshop.end(alice)
    url = f"/n/{network.slug}/workshops/{workshop.pk}/"
    client.force_login(alice)
    html = client.get(url).content.decode()
    assert "Coalities zonder bereikbare trekker" in html
    assert f'href="/n/{network.slug}/#coalition-{led.pk}"' in html
    assert "trekkers: Gijs" in html
    client.force_login(bob)
    assert "Coalities zonder bereikbare trekker" not in client.get(url).content.decode()


def test_the_thank_you_page_costs_the_same_queries_for_more_coalitions(
    network, workshop, gijs, alice, client, django_assert_max_num_queries
):
    for ambition in Ambition.objects.filter(network=network)[:3]:
        ambition.commit(gijs, "meebepalen")
        ambition.form_coalition(by=alice)
    workshop.end(alice)
    with django_assert_max_num_queries(17):  # 17 for one coalition too (actions, replies: one each)
        assert client.get(_thanks(network)).status_code == 200
