import re

from django.core import mail

from networks.models import User
from tests.conftest import make_user


def _reset(client, email):
    return client.post("/account/wachtwoord-vergeten/", {"email": email})


def _link(message):
    return re.search(r"http://testserver(/account/wachtwoord-instellen/\S+)", message.body)


def test_it_mails_a_link_to_choose_a_new_password(bob, client, settings):
    settings.SITE_URL = "http://testserver"
    response = _reset(client, "BOB@example.org")
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord-vergeten/verstuurd/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bob@example.org"]
    assert "Nieuw wachtwoord" in mail.outbox[0].subject
    path = _link(mail.outbox[0]).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "een-nieuw-wachtwoord", "new_password2": "een-nieuw-wachtwoord"},
    )
    assert response.status_code == 302
    assert response.url == "/account/wachtwoord-ingesteld/"
    bob.refresh_from_db()
    assert bob.check_password("een-nieuw-wachtwoord")


def test_a_used_link_says_so(bob, client, settings):
    settings.SITE_URL = "http://testserver"
    _reset(client, "bob@example.org")
    path = _link(mail.outbox[0]).group(1)
    bob.set_password("intussen-anders")
    bob.save()
    body = client.get(path, follow=True).content.decode()
    assert "Deze link werkt niet meer" in body


def test_a_weak_new_password_is_refused_with_422(bob, client, settings):
    settings.SITE_URL = "http://testserver"
    _reset(client, "bob@example.org")
    page = client.get(_link(mail.outbox[0]).group(1), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 422
    bob.refresh_from_db()
    assert bob.check_password("s3cret-pass!")


def test_it_does_not_tell_whether_an_address_has_an_account(db, client):
    response = _reset(client, "niemand@example.org")
    assert response.status_code == 302
    assert mail.outbox == []


def test_an_invalid_address_gets_422(db, client):
    assert _reset(client, "geen-adres").status_code == 422


def test_someone_invited_without_a_password_can_ask_for_a_link(db, client):
    User.objects.create_user("nieuw@example.org", None, name="Nieuw")
    _reset(client, "nieuw@example.org")
    assert len(mail.outbox) == 1


def test_a_disabled_account_gets_no_mail(db, client):
    make_user("Weg", is_active=False)
    _reset(client, "weg@example.org")
    assert mail.outbox == []


def test_it_sends_at_most_three_mails_to_one_address_in_a_while(bob, client):
    for _ in range(5):
        assert _reset(client, "bob@example.org").status_code == 302
    assert len(mail.outbox) == 3


def test_one_visitor_cannot_flood_many_inboxes(db, client):
    for n in range(12):
        make_user(f"Persoon{n}")
        _reset(client, f"persoon{n}@example.org")
    assert len(mail.outbox) == 10
