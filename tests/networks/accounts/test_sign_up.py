"""Signing up: name, email and password; the address confirmed by a mailed link before it
signs in; an address with an account gets the same answer and its owner a mail."""

import re

import pytest
from django.core import mail, signing

from networks.accounts import throttle
from networks.models import Network, User
from tests.conftest import make_user

SIGN_UP = "/account/aanmelden/"
GOOD = {"name": "Sanne de Vries", "email": "Sanne@Example.org", "password": "een-goed-wachtwoord"}


def _link(message):
    return re.search(r"http://[^\s]+", message.body).group(0).removeprefix("http://127.0.0.1:8000")


@pytest.fixture(autouse=True)
def _db(db):
    pass


def test_the_sign_in_page_offers_an_account_to_start_a_network(client):
    html = client.get("/account/inloggen/").content.decode()
    assert 'href="/account/aanmelden/"' in html
    assert "Wil je een netwerk starten?" in html
    assert "Je krijgt er een als je meedoet met een code" not in html


def test_the_home_page_offers_it_too(client):
    assert 'href="/account/aanmelden/"' in client.get("/").content.decode()


def test_the_form_asks_name_email_and_password(client):
    response = client.get(SIGN_UP)
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("id_name", "id_email", "id_password"):
        assert f'for="{field}"' in html
    assert 'autocomplete="new-password"' in html


def test_sign_up_confirm_sign_in_and_start_a_network(client):
    response = client.post(SIGN_UP, GOOD)
    assert response.status_code == 302
    assert response.url == "/account/aanmelden/verstuurd/"
    assert "Kijk in je e-mail" in client.get(response.url).content.decode()
    user = User.objects.get(email="sanne@example.org")
    assert (user.name, user.is_guest, user.email_confirmed) == ("Sanne de Vries", False, False)
    assert not client.session.get("_auth_user_id")  # not signed in yet
    [message] = mail.outbox
    assert message.to == ["sanne@example.org"]
    confirm = _link(message)
    assert confirm.startswith("/account/bevestigen/")

    # Before confirming, the right password is refused with what to do; the link comes again.
    credentials = {"username": "sanne@example.org", "password": GOOD["password"]}
    refused = client.post("/account/inloggen/", credentials)
    assert refused.status_code == 422
    assert "Bevestig eerst je e-mailadres" in refused.content.decode()
    assert len(mail.outbox) == 2 and _link(mail.outbox[1]).startswith("/account/bevestigen/")

    page = client.get(confirm)
    assert page.status_code == 200
    assert "E-mailadres bevestigd" in page.content.decode()
    assert "/account/inloggen/?next=/nieuw/" in page.content.decode()
    user.refresh_from_db()
    assert user.email_confirmed

    signed_in = client.post("/account/inloggen/?next=/nieuw/", credentials)
    assert signed_in.status_code == 302 and signed_in.url == "/nieuw/"
    assert client.get("/nieuw/").status_code == 200
    started = client.post("/nieuw/", {"name": "Scholen aan de Maas"})
    network = Network.objects.get(name="Scholen aan de Maas")
    assert started.url == f"/n/{network.slug}/"
    assert network.memberships.get().user == user


def test_an_address_with_an_account_gets_the_same_answer_and_its_owner_a_mail(client):
    owner = make_user("Bob", email="bob@example.org", password="bobs-eigen-wachtwoord")
    response = client.post(SIGN_UP, {**GOOD, "email": " BOB@example.org"})
    assert response.status_code == 302
    assert response.url == "/account/aanmelden/verstuurd/"  # as for a new account
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.name == "Bob" and owner.check_password("bobs-eigen-wachtwoord")
    [message] = mail.outbox
    assert message.to == ["bob@example.org"]
    assert "Er is al een account met dit adres" in message.body
    assert "Sanne de Vries" in message.body
    assert "/account/bevestigen/" not in message.body  # no way in for whoever tried


def test_the_owner_hears_of_it_three_times_at_most(client):
    make_user("Bob", email="bob@example.org")
    for _ in range(5):
        client.post(SIGN_UP, {**GOOD, "email": "bob@example.org"})
    assert len(mail.outbox) == 3


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({**GOOD, "name": " "}, "name", "Dit veld is verplicht."),
        ({**GOOD, "email": "sanne-at-example"}, "email", "Voer een geldig e-mailadres in."),
        ({**GOOD, "password": "kort"}, "password", "Dit wachtwoord is te kort"),
        ({**GOOD, "password": "12345678901"}, "password", "Dit wachtwoord bevat alleen cijfers."),
    ],
)
def test_bad_input_is_said_next_to_its_field_and_makes_nothing(client, data, field, message):
    response = client.post(SIGN_UP, data)
    assert response.status_code == 422
    html = response.content.decode()
    assert message in html
    # The message belongs to its field (Django's field group links it by aria-describedby).
    assert f'id="id_{field}_error"' in html
    assert not User.objects.exists()
    assert not mail.outbox


def test_signing_up_is_throttled_per_visitor_address(client):
    for n in range(throttle.SIGN_UP_PER_IP.limit):
        client.post(SIGN_UP, {**GOOD, "email": f"iemand{n}@example.org"})
    count = User.objects.count()
    response = client.post(SIGN_UP, {**GOOD, "email": "nog-een@example.org"})
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Te veel pogingen" in response.content.decode()
    assert User.objects.count() == count == throttle.SIGN_UP_PER_IP.limit


def test_a_forged_or_stale_link_confirms_nothing(client):
    user = make_user("Sanne", email_confirmed=False)
    token = user.confirmation_token()
    assert client.get(f"/account/bevestigen/{token}x/").status_code == 400
    other = signing.dumps({"user": user.pk, "email": user.email}, salt="iets anders")
    assert client.get(f"/account/bevestigen/{other}/").status_code == 400
    User.objects.filter(pk=user.pk).update(email="ander@example.org")
    response = client.get(f"/account/bevestigen/{token}/")  # made for the old address
    assert response.status_code == 400
    assert "Deze link werkt niet" in response.content.decode()
    user.refresh_from_db()
    assert not user.email_confirmed


def test_the_link_expires_after_three_days(client, monkeypatch):
    user = make_user("Sanne", email_confirmed=False)
    token = user.confirmation_token()
    monkeypatch.setattr(User, "CONFIRM_MAX_AGE", -1)
    assert client.get(f"/account/bevestigen/{token}/").status_code == 400
    user.refresh_from_db()
    assert not user.email_confirmed


def test_a_wrong_password_for_an_unconfirmed_account_says_only_that(client):
    make_user("Sanne", email="sanne@example.org", email_confirmed=False)
    response = client.post(
        "/account/inloggen/", {"username": "sanne@example.org", "password": "niet-dit"}
    )
    assert response.status_code == 422
    assert "Bevestig eerst" not in response.content.decode()
    assert not mail.outbox


def test_choosing_a_new_password_by_mail_confirms_the_address(client):
    user = make_user("Sanne", email="sanne@example.org", email_confirmed=False)
    client.post("/account/wachtwoord-vergeten/", {"email": "sanne@example.org"})
    link = _link(mail.outbox[0])
    form = client.get(link, follow=True)
    new = {"new_password1": "nieuw-en-lang-genoeg", "new_password2": "nieuw-en-lang-genoeg"}
    assert client.post(form.redirect_chain[-1][0], new).status_code == 302
    user.refresh_from_db()
    assert user.email_confirmed
    signed_in = client.post(
        "/account/inloggen/", {"username": "sanne@example.org", "password": new["new_password1"]}
    )
    assert signed_in.status_code == 302


def test_someone_signed_in_goes_home_and_a_guest_to_the_profile(client):
    client.force_login(make_user("Bob"))
    assert client.get(SIGN_UP).url == "/"
    assert client.post(SIGN_UP, GOOD).url == "/"
    client.force_login(User.objects.create_guest("Gijs"))
    assert client.get(SIGN_UP).url == "/account/"
    assert not User.objects.filter(email="sanne@example.org").exists()
