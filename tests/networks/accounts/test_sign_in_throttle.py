"""The sign-in throttle counts per account, whatever way the address is typed, and the
count is shared by every process (it lives in the database, not in a process's memory)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from networks.accounts import throttle
from networks.models import ThrottleCount
from tests.conftest import make_user

URL = "/account/inloggen/"


@pytest.fixture
def m3(db):
    return make_user("M3", email="m3@example.org")


def _sign_in(client, email, password="s3cret-pass!"):
    return client.post(URL, {"username": email, "password": password})


def _five_wrong(client):
    for _ in range(5):
        assert _sign_in(client, "m3@example.org", "fout").status_code == 422


@pytest.mark.parametrize(
    "typed", [" m3@example.org", "m3@example.org ", "M3@Example.ORG", "\tm3@example.org\n"]
)
def test_another_spelling_of_the_address_gets_no_fresh_count(client, m3, typed):
    _five_wrong(client)
    response = _sign_in(client, typed)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failures_typed_in_other_spellings_add_up(client, m3):
    for typed in ["m3@example.org", " m3@example.org", "m3@example.org ", "M3@example.org"]:
        assert _sign_in(client, typed, "fout").status_code == 422
    assert _sign_in(client, "m3@EXAMPLE.org", "fout").status_code == 422
    assert _sign_in(client, "m3@example.org").status_code == 429


def test_the_count_is_shared_by_every_process(client, m3):
    _five_wrong(client)
    cache.clear()  # what another process sees: its own, empty, memory cache
    assert _sign_in(client, "m3@example.org").status_code == 429


def test_the_count_ends_with_its_window(client, m3):
    _five_wrong(client)
    ThrottleCount.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert _sign_in(client, "m3@example.org").status_code == 302


def test_expired_counts_are_cleared_away(client, m3):
    _five_wrong(client)
    ThrottleCount.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _sign_in(client, "iemand@example.org", "fout")
    assert ThrottleCount.objects.filter(expires_at__lte=timezone.now()).count() == 0


def test_an_unknown_address_is_refused_like_a_known_one(client, db):
    for _ in range(5):
        assert _sign_in(client, "niemand@example.org", "fout").status_code == 422
    assert _sign_in(client, " Niemand@example.org", "fout").status_code == 429


@pytest.mark.parametrize("typed", ["m3\x00@example.org", "x" * 300 + "@example.org"])
def test_an_address_no_account_can_have_is_counted_without_asking_the_database(
    db, typed, django_assert_num_queries
):
    # PostgreSQL refuses a NUL in a query ("text fields cannot contain NUL"): a 500.
    with django_assert_num_queries(0):
        assert throttle.account_key(typed) == f"email:{typed.lower()}"
