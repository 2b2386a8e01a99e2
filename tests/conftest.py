"""The fixed cast of the tests, as plain factories.

alice facilitates the example network, cora coordinates it, bob is a member,
charlie is a stranger to it.
"""

import json

import pytest

from canvas.interchange import EXAMPLE_PATH, import_network
from networks.models import Membership, User


def example_document():
    return json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))


def make_user(name="Alice", email=None, password="s3cret-pass!", **kwargs):
    email = email or f"{name.lower()}@example.org"
    return User.objects.create_user(email, password, name=name, **kwargs)


@pytest.fixture
def network(db):
    return import_network(example_document())


@pytest.fixture
def alice(network):
    user = make_user("Alice")
    Membership.objects.create(network=network, user=user, role=Membership.Role.FACILITATOR)
    return user


@pytest.fixture
def cora(network):
    user = make_user("Cora")
    Membership.objects.create(network=network, user=user, role=Membership.Role.COORDINATOR)
    return user


@pytest.fixture
def bob(network):
    user = make_user("Bob")
    Membership.objects.create(network=network, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def charlie(db):
    return make_user("Charlie")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # Hashing with PBKDF2 costs ~0.3 s a user; tests need no strong hashes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def join_link(network, alice):
    """A valid join link of the example network, made by alice."""
    from datetime import timedelta

    from networks.models import JoinLink

    return JoinLink.create_for(network, alice, timedelta(hours=4))


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Throttles count failures in the cache: no test inherits another's count.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
