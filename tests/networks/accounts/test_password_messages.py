"""Django's own password checks speak the reader's language: Dutch in the Dutch UI."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from networks.accounts.forms import SignUpForm
from networks.models import User

BAD = ["kort", "12345678901", "sannejansen", "wachtwoord", "password"]


def _messages(password, user, language):
    with translation.override(language):
        try:
            password_validation.validate_password(password, user)
        except ValidationError as refusal:
            return refusal.messages
    return []


@pytest.mark.parametrize("password", BAD)
def test_every_refusal_of_a_password_is_dutch_in_dutch(password):
    user = User(email="sanne.jansen@example.org", name="Sanne Jansen")
    dutch, english = _messages(password, user, "nl"), _messages(password, user, "en")
    assert dutch, "each of these is refused"
    assert len(dutch) == len(english)
    assert set(dutch).isdisjoint(english), dutch


def test_the_help_texts_are_dutch_in_dutch():
    with translation.override("nl"):
        dutch = password_validation.password_validators_help_texts()
    with translation.override("en"):
        english = password_validation.password_validators_help_texts()
    assert set(dutch).isdisjoint(english), dutch


@pytest.mark.django_db
def test_the_sign_up_form_says_a_short_password_in_dutch():
    data = {"name": "Sanne", "email": "sanne@example.org", "password": "kort"}
    with translation.override("nl"):
        form = SignUpForm(data)
        assert not form.is_valid()
        errors = form.errors["password"]
    assert "Dit wachtwoord is te kort: gebruik minstens 8 tekens." in errors
