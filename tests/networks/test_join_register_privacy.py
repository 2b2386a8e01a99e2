"""The join page's register form tells no one whether an address has an account.

With a known address the visitor takes part as a guest under the name they gave, with
the same answer as a new account, and the address's owner gets a mail about it. Tries
that make no account are throttled per visitor address.
"""

import pytest
from django.core import mail

from networks.models import Membership, User

PASSWORD = "nog-een-wachtwoord"


def _url(link):
    return f"/doe-mee/{link.token}/"


def _register(client, link, email, name="Rita", password=PASSWORD):
    data = {
        "register-name": name,
        "register-email": email,
        "register-password": password,
        "register": "1",
    }
    return client.post(_url(link), data)


@pytest.fixture
def answers(join_link, bob, client):
    """The answers to a new address and to bob's, each from a fresh visitor."""
    from django.test import Client

    new = _register(Client(), join_link, "rita@example.org")
    known = _register(client, join_link, " BOB@example.org", name="Bob 2")
    return new, known


def test_a_known_address_gets_the_same_answer_as_a_new_one(answers):
    new, known = answers
    assert known.status_code == new.status_code == 302
    assert known.url == new.url
    assert "Er is al een account" not in known.content.decode()


def test_with_a_known_address_the_visitor_takes_part_as_a_guest(answers, network, bob, client):
    guest = User.objects.get(name="Bob 2")
    assert guest.is_guest and guest.email is None
    assert Membership.objects.filter(user=guest, network=network).exists()
    assert client.get(f"/n/{network.slug}/").status_code == 200
    bob.refresh_from_db()
    assert bob.check_password("s3cret-pass!") and bob.name == "Bob"  # untouched


def test_the_owner_of_a_known_address_gets_a_mail(answers, network):
    to_bob = [message for message in mail.outbox if message.to == ["bob@example.org"]]
    assert len(to_bob) == 1
    assert network.name in to_bob[0].body
    assert "Bob 2" in to_bob[0].body
    assert "/doe-mee/" not in to_bob[0].body  # the mail does not hand out the network's link
    assert not [message for message in mail.outbox if message.to == ["rita@example.org"]]


def test_the_owner_gets_no_flood_of_mails(join_link, bob, db):
    from django.test import Client

    for n in range(6):
        _register(Client(REMOTE_ADDR=f"10.0.0.{n}"), join_link, "bob@example.org", name=f"X{n}")
    assert len([m for m in mail.outbox if m.to == ["bob@example.org"]]) == 3


def test_tries_that_make_no_account_are_throttled_per_address(join_link, bob, client):
    for n in range(20):
        response = _register(client, join_link, "bob@example.org", name=f"Poging {n}")
        assert response.status_code == 302
        client.logout()
    response = _register(client, join_link, "nieuw@example.org", name="Nieuw")
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert not User.objects.filter(email="nieuw@example.org").exists()
    # Joining as a guest still works from that address.
    guest = client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    assert guest.status_code == 302


def test_invalid_tries_count_too(join_link, client, db):
    for _ in range(20):
        assert _register(client, join_link, "geen-adres").status_code == 422
    assert _register(client, join_link, "rita@example.org").status_code == 429


def test_a_new_address_still_makes_an_account_at_once(join_link, network, client, db):
    assert _register(client, join_link, "Rita@Example.org").status_code == 302
    rita = User.objects.get(email="rita@example.org")
    assert not rita.is_guest and rita.check_password(PASSWORD)


def test_a_guest_s_account_form_is_throttled_too(join_link, bob, client):
    """The profile's form for a guest says when an address is taken: it is limited alike."""
    client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    data = {"become-email": "bob@example.org", "become-password": PASSWORD, "become_member": "1"}
    for _ in range(20):
        assert client.post("/account/", data).status_code == 422
    response = client.post("/account/", {**data, "become-email": "gijs@example.org"})
    assert response.status_code == 429
    assert "Te veel pogingen" in response.content.decode()
    assert not User.objects.filter(email="gijs@example.org").exists()
