import pytest
from django.db import IntegrityError, transaction

from networks.models import Actor, Membership, Network, NetworkActor, User
from tests.conftest import make_user


def test_network_slugs_are_unique_and_readable(db):
    Network.objects.create(name="Leren in de Regio", slug=Network.unique_slug("Leren in de Regio"))
    assert Network.unique_slug("Leren in de regio") == "leren-in-de-regio-2"


def test_a_network_type_must_be_a_known_one(db):
    with pytest.raises(IntegrityError):
        Network.objects.create(name="X", slug="x", network_type="kletsclub")


def test_actor_names_are_unique_in_the_register_ignoring_case(db):
    Actor.objects.create(name="Gemeente Tiel")
    with pytest.raises(IntegrityError):
        Actor.objects.create(name="gemeente tiel")


def test_an_actor_can_be_in_several_networks_once_each(network):
    actor = Actor.objects.get(name="Gemeente Tiel")
    other = Network.objects.create(name="Ander netwerk", slug="ander")
    NetworkActor.objects.create(network=other, actor=actor, key="tiel", role="kernpartner")
    assert actor.network_actors.count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkActor.objects.create(network=other, actor=actor, key="tiel-2")
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkActor.objects.create(network=other, actor=Actor.objects.first(), key="tiel")


def test_an_actor_role_must_be_known_or_empty_for_outside_parties(network):
    actor = Actor.objects.create(name="Woningcorporatie")
    outside = NetworkActor.objects.create(network=network, actor=actor, key="woon")
    assert outside.is_outside
    with pytest.raises(IntegrityError):
        NetworkActor.objects.filter(pk=outside.pk).update(role="baas")


def test_a_person_has_one_role_per_network(network, bob):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(network=network, user=bob, role="facilitator")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.filter(user=bob).update(role="koning")


def test_emails_are_unique_ignoring_case(db):
    make_user("Anna", email="anna@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create(email="ANNA@example.org", name="Anna 2")


def test_only_guests_may_lack_an_email(db):
    assert User.objects.create(name="Gast Gijs", is_guest=True).pk
    assert User.objects.create(name="Gast Gea", is_guest=True).pk
    with pytest.raises(IntegrityError):
        User.objects.create(name="Niemand")


def test_users_sign_in_by_email_in_any_case(db, client):
    make_user("Anna", email="anna@example.org")
    from django.contrib.auth import authenticate

    assert authenticate(username="Anna@Example.org", password="s3cret-pass!")


def test_an_activity_keeps_only_what_an_edit_changed(network, bob):
    from networks.models import Activity

    entry = Activity.record(
        network,
        bob,
        "note.edited",
        area="identity",
        subject="Trots op het vak",
        before={"text": "Trots", "status": ""},
        after={"text": "Trots op het vak", "status": ""},
    )
    assert (entry.before, entry.after) == ({"text": "Trots"}, {"text": "Trots op het vak"})
    assert entry.user_name == "Bob"
