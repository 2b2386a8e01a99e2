"""Digests: what changed in one's coalitions, by mail, daily or weekly, in one's language."""

import email.policy
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from coalitions.digests.models import MailKind, MailPreference
from networks.models import Activity
from tests.coalitions.digests.conftest import LONG_AGO, guest_in


def _send():
    call_command("send_digests", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_members_and_the_people_kept_informed_get_a_digest(people, bob, dave):
    _send()
    for user in (bob, dave):
        (message,) = _to(user.email)
        assert message.subject == "Nieuws uit je coalities"
        assert "Cora doet mee in de coalitie “Zij-instroom Rivierenland”" in message.body
        assert "Onderwijsregio Rivierenland" in message.body


def test_a_digest_leaves_out_what_its_reader_did(people, bob, dave):
    _send()
    (message,) = _to(dave.email)
    assert "Bob doet mee" in message.body
    (message,) = _to(bob.email)
    assert "Bob doet mee" not in message.body


def test_a_digest_says_nothing_of_coalitions_one_is_not_in(people, network, bob, alice):
    Activity.record(network, alice, "coalition.edited", subject="Startersnetwerk")
    _send()
    (message,) = _to(bob.email)
    assert "Startersnetwerk" not in message.body


def test_a_renamed_coalition_is_still_followed(people, network, alice, bob):
    Activity.record(
        network,
        alice,
        "coalition.edited",
        subject="Zij-instroom Rivierenland",
        before={"name": "Zij-instroom Rivierenland"},
        after={"name": "Zij-instroom"},
    )
    people.name = "Zij-instroom"
    people.save(update_fields=["name"])
    _send()
    (message,) = _to(bob.email)
    assert "Alice heeft de coalitie “Zij-instroom Rivierenland” gewijzigd" in message.body


def test_every_digest_has_a_one_click_unsubscribe(people, bob):
    _send()
    (message,) = _to(bob.email)
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http://127.0.0.1:8000/afmelden/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url in message.body
    # The mail program's one-click POST: no session, no CSRF token.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        url.removeprefix("http://127.0.0.1:8000"), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert MailPreference.objects.get(user=bob).digest == "never"


def test_the_unsubscribe_header_stays_a_readable_url(people, bob, settings):
    settings.SITE_URL = "https://netwerkcanvas.onderwijsregio-rivierenland.example.org"
    _send()
    (message,) = _to(bob.email)
    url = message.extra_headers["List-Unsubscribe"]
    for policy in (email.policy.default, email.policy.SMTP):  # the console's, SMTP's
        raw = message.message(policy=policy).as_bytes().decode()
        assert f"List-Unsubscribe: {url}" in raw.replace("\r\n", "\n").splitlines()
        assert "=?utf-8?" not in raw
        assert "Content-Transfer-Encoding: quoted-printable" in raw  # the body as before


def test_a_digest_is_in_the_readers_language(people, bob):
    MailPreference.objects.filter(user=bob).update(language="en")
    _send()
    (message,) = _to(bob.email)
    assert "Cora is taking part in the coalition “Zij-instroom Rivierenland”" in message.body


def test_the_language_last_used_counts_when_none_was_chosen(people, bob):
    client = Client()
    client.cookies["django_language"] = "en"
    client.post("/account/inloggen/", {"username": bob.email, "password": "s3cret-pass!"})
    assert MailPreference.objects.get(user=bob).last_language == "en"
    _send()
    (message,) = _to(bob.email)
    assert "is taking part" in message.body


def test_an_english_browser_without_the_switch_gets_dutch_as_the_site_does(people, bob):
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    client.post("/account/inloggen/", {"username": bob.email, "password": "s3cret-pass!"})
    assert MailPreference.objects.get(user=bob).last_language == "nl"


def test_no_digest_goes_twice_for_the_same_news(people, bob, dave):
    _send()
    _send()
    assert len(_to(bob.email)) == 1 and len(_to(dave.email)) == 1


def test_nothing_new_sends_no_mail_but_starts_the_next_period(people, network, bob):
    MailPreference.objects.filter(user=bob).update(digest_until=timezone.now() - LONG_AGO)
    Activity.objects.filter(network=network).update(created_at=timezone.now() - LONG_AGO * 2)
    _send()
    assert _to(bob.email) == []
    assert MailPreference.objects.get(user=bob).digest_until > timezone.now() - timedelta(minutes=1)


@pytest.mark.parametrize(
    ("frequency", "ago", "due"),
    [
        ("daily", timedelta(hours=23), True),  # a daily cron job is never an hour short
        ("daily", timedelta(hours=20), False),
        ("weekly", timedelta(days=6, hours=23), True),
        ("weekly", timedelta(days=5), False),
        ("never", timedelta(days=30), False),
    ],
)
def test_a_digest_is_due_once_per_chosen_period(frequency, ago, due, bob):
    now = timezone.now()
    preference = MailPreference(user=bob, digest=frequency, digest_until=now - ago)
    assert preference.digest_is_due(now) is due


def test_who_chose_never_gets_none(people, bob, dave):
    MailPreference.objects.filter(user=bob).update(digest="never")
    _send()
    assert _to(bob.email) == [] and len(_to(dave.email)) == 1


def test_guests_without_an_address_get_none(people, network, bob, cora, dave):
    guest_in(network, people)  # in the coalition, and news for everyone else
    _send()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([bob.email, cora.email, dave.email])


def test_people_in_no_coalition_get_none(people, alice):
    _send()
    assert _to(alice.email) == []


def test_tokens_are_per_person_and_kind(bob, dave):
    token = MailPreference.of(bob).unsubscribe_token(MailKind.DIGEST)
    assert MailPreference.from_token(token)[0].user == bob
    assert MailPreference.of(dave).unsubscribe_token(MailKind.DIGEST) != token
