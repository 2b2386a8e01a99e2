"""Joining through a link is all or nothing: no account or session without a membership."""

import pytest
from django.db import OperationalError
from django.test import Client

from networks.models import JoinLink, Membership, User


def _fail(*args, **kwargs):
    raise OperationalError("database is locked")


@pytest.mark.parametrize(
    "data",
    [
        {"guest": "1", "guest-name": "Gijs"},
        {
            "register": "1",
            "register-name": "Rana",
            "register-email": "rana@example.org",
            "register-password": "een-lang-wachtwoord-7",
        },
    ],
    ids=["guest", "register"],
)
def test_a_failed_membership_leaves_no_account_and_no_one_signed_in(
    join_link, network, monkeypatch, data
):
    monkeypatch.setattr(JoinLink, "admit", _fail)
    client = Client(raise_request_exception=False)
    response = client.post(f"/doe-mee/{join_link.token}/", data)
    assert response.status_code == 500
    assert not User.objects.filter(name=data.get("guest-name") or data["register-name"]).exists()
    assert not Membership.objects.filter(network=network, user__name__in=["Gijs", "Rana"]).exists()
    # Whatever cookie came back, it signs no one in.
    assert client.get("/account/").status_code == 302
