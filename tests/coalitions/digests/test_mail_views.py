"""The e-mail settings page, and unsubscribing with one click (RFC 8058)."""

from django.test import Client

from coalitions.digests.models import MailKind, MailPreference
from networks.models import User


def _url(user, kind=MailKind.DIGEST):
    return f"/afmelden/{MailPreference.of(user).unsubscribe_token(kind)}/"


def test_opening_the_link_only_asks_to_confirm(bob, client):
    response = client.get(_url(bob))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Wil je geen e-mail meer ontvangen met het overzicht van je coalities?" in body
    assert '<button type="submit"' in body
    assert MailPreference.objects.get(user=bob).digest == "weekly"  # a link scanner changes nothing


def test_confirming_unsubscribes_without_signing_in(bob):
    client = Client(enforce_csrf_checks=True)
    response = client.post(_url(bob))
    assert response.status_code == 200
    assert "Je bent afgemeld voor het overzicht van je coalities." in response.content.decode()
    preference = MailPreference.objects.get(user=bob)
    assert (preference.digest, preference.reminders) == ("never", True)


def test_a_reminder_link_stops_reminders_only(bob, client):
    client.post(_url(bob, MailKind.REMINDER))
    preference = MailPreference.objects.get(user=bob)
    assert (preference.digest, preference.reminders) == ("weekly", False)


def test_a_tampered_token_gets_a_clear_400_and_changes_nothing(bob, dave, client):
    token = MailPreference.of(bob).unsubscribe_token(MailKind.DIGEST)
    for bad in (token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "abc", "x" * 500):
        for method in (client.get, client.post):
            response = method(f"/afmelden/{bad}/")
            assert response.status_code == 400
            assert "Deze afmeldlink klopt niet" in response.content.decode()
    assert MailPreference.objects.get(user=bob).digest == "weekly"


def test_a_token_of_a_deleted_account_is_refused(db, client):
    user = User.objects.create_user("weg@example.org", "x", name="Weg")
    url = _url(user)
    user.delete()
    assert client.post(url).status_code == 400


def test_a_member_chooses_a_daily_digest_in_english(bob, client):
    client.force_login(bob)
    response = client.get("/account/e-mail/")
    assert response.status_code == 200
    assert 'name="digest"' in response.content.decode()
    response = client.post(
        "/account/e-mail/", {"digest": "daily", "reminders": "on", "language": "en"}
    )
    assert response.status_code == 302
    preference = MailPreference.objects.get(user=bob)
    assert (preference.digest, preference.reminders, preference.mail_language) == (
        "daily",
        True,
        "en",
    )


def test_a_bad_choice_is_refused_next_to_the_field(bob, client):
    client.force_login(bob)
    response = client.post("/account/e-mail/", {"digest": "hourly", "language": "fr"})
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kies dagelijks, wekelijks of nooit." in body
    assert "Kies Nederlands of English." in body
    assert MailPreference.objects.get(user=bob).digest == "weekly"


def test_a_guest_is_told_they_get_no_mail(network, client):
    guest = User.objects.create_guest("Gast")
    client.force_login(guest)
    response = client.get("/account/e-mail/")
    assert "je krijgt geen e-mail" in response.content.decode()
    assert client.post("/account/e-mail/", {"digest": "daily"}).status_code == 403


def test_the_settings_need_signing_in(db, client):
    assert client.get("/account/e-mail/").url.startswith("/account/inloggen/")


def test_the_profile_links_to_the_settings(bob, client):
    client.force_login(bob)
    assert 'href="/account/e-mail/"' in client.get("/account/").content.decode()
