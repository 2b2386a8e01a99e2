"""Joining asks which school or organisation someone represents; "Coalitie vormen"
makes the committed people's organisations the coalition's core partners."""

import pytest

from canvas.workshops.models import Workshop
from coalitions.models import Ambition
from networks.models import Activity, Actor, Membership, NetworkActor, User
from tests.conftest import make_user


def _url(link):
    return f"/doe-mee/{link.token}/"


@pytest.fixture
def school(network):
    return network.network_actors.select_related("actor").order_by("actor__name").first()


def test_every_way_in_asks_for_the_organisation(join_link, network, school, client):
    html = client.get(_url(join_link)).content.decode()
    for prefix in ("guest", "register"):
        assert f'<select name="{prefix}-organisation"' in html
        assert f'name="{prefix}-new_organisation"' in html
    assert f'<option value="{school.pk}">{school.actor.name}</option>' in html
    assert "Namens welke school of organisatie doe je mee?" in html
    client.force_login(make_user("Bob"))
    html = client.get(_url(join_link)).content.decode()
    assert '<select name="member-organisation"' in html


def test_a_guest_chooses_one_of_the_networks_actors(join_link, network, school, client):
    data = {"guest-name": "Gijs", "guest-organisation": school.pk, "guest": "1"}
    assert client.post(_url(join_link), data).status_code == 302
    assert Membership.objects.get(user__name="Gijs").actor == school


def test_a_guest_names_a_new_organisation(join_link, network, client):
    data = {"guest-name": "Gijs", "guest-new_organisation": "  Het  Nieuwe Lyceum ", "guest": "1"}
    assert client.post(_url(join_link), data).status_code == 302
    actor = Membership.objects.get(user__name="Gijs").actor
    assert actor.actor.name == "Het Nieuwe Lyceum"
    assert (actor.network, actor.role) == (network, NetworkActor.Role.PARTICIPANT)
    entry = Activity.objects.get(kind="actor.added")
    assert entry.user.name == "Gijs" and entry.params["subject"] == "Het Nieuwe Lyceum"


def test_a_typed_name_of_a_known_organisation_links_it(join_link, network, school, client):
    data = {"guest-name": "Gijs", "guest-new_organisation": school.actor.name.upper(), "guest": "1"}
    actors = NetworkActor.objects.count(), Actor.objects.count()
    client.post(_url(join_link), data)
    assert Membership.objects.get(user__name="Gijs").actor == school
    assert (NetworkActor.objects.count(), Actor.objects.count()) == actors


def test_leaving_it_out_is_allowed(join_link, client):
    client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    assert Membership.objects.get(user__name="Gijs").actor is None


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"guest-organisation": "SCHOOL", "guest-new_organisation": "Ook nog"}, "niet allebei"),
        ({"guest-organisation": "999999"}, "Kies een organisatie uit de lijst."),
        ({"guest-organisation": "abc"}, "Kies een organisatie uit de lijst."),
        ({"guest-organisation": "²"}, "Kies een organisatie uit de lijst."),
        ({"guest-organisation": "9" * 25}, "Kies een organisatie uit de lijst."),
        ({"guest-new_organisation": "De\x00Brug"}, "Null-tekens zijn niet toegestaan."),
        ({"guest-new_organisation": "x" * 201}, "Hoogstens 200 tekens; dit zijn er 201."),
    ],
)
def test_bad_input_is_said_next_to_the_field_and_changes_nothing(
    join_link, network, school, client, extra, message
):
    extra = {key: school.pk if value == "SCHOOL" else value for key, value in extra.items()}
    actors = NetworkActor.objects.count()
    response = client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1", **extra})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not User.objects.filter(name="Gijs").exists()
    assert NetworkActor.objects.count() == actors


def test_another_networks_actor_cannot_be_chosen(join_link, network, client):
    from canvas.records.interchange import import_network
    from tests.conftest import example_document

    other = import_network(example_document())
    foreign = other.network_actors.first()
    data = {"guest-name": "Gijs", "guest-organisation": foreign.pk, "guest": "1"}
    assert client.post(_url(join_link), data).status_code == 422


def test_a_new_account_and_a_signed_in_person_say_it_too(join_link, network, school, client):
    data = {
        "register-name": "Rita",
        "register-email": "rita@example.org",
        "register-password": "een-goed-wachtwoord",
        "register-new_organisation": "Gemeente Tiel",
        "register": "1",
    }
    assert client.post(_url(join_link), data).status_code == 302
    assert Membership.objects.get(user__name="Rita").actor.actor.name == "Gemeente Tiel"
    client.logout()
    bob = make_user("Bob")
    client.force_login(bob)
    data = {"member-organisation": school.pk, "join": "1"}
    assert client.post(_url(join_link), data).status_code == 302
    assert Membership.objects.get(user=bob).actor == school


def test_a_signed_in_persons_bad_choice_joins_nothing(join_link, network, client):
    bob = make_user("Bob")
    client.force_login(bob)
    response = client.post(_url(join_link), {"member-organisation": "abc", "join": "1"})
    assert response.status_code == 422
    assert not Membership.objects.filter(user=bob).exists()


def test_coming_back_keeps_the_organisation_given_first(join_link, network, school, alice):
    guest = User.objects.create_guest("Gijs")
    join_link.admit(guest, school)
    other = network.network_actors.exclude(pk=school.pk).first()
    join_link.admit(guest, other)
    assert Membership.objects.get(user=guest).actor == school


def test_forming_a_coalition_makes_the_joiners_organisations_its_core_partners(
    network, alice, school, client
):
    workshop = Workshop.start(network, alice, "Workshop 3")
    client.post(
        _url(workshop.join_link),
        {"guest-name": "Gijs", "guest-new_organisation": "De Brug", "guest": "1"},
    )
    ambition = Ambition.objects.filter(network=network).first()
    client.post(f"/n/{network.slug}/ambities/{ambition.pk}/betrokkenheid/", {"level": "meebepalen"})
    gijs = User.objects.get(name="Gijs")
    assert ambition.commitments.get(user=gijs).level == "meebepalen"
    client.force_login(alice)
    client.post(f"/n/{network.slug}/ambities/{ambition.pk}/coalitie-vormen/")
    coalition = ambition.formed_coalitions.get()
    assert "De Brug" in [partner.actor.name for partner in coalition.core_partners.all()]
    assert coalition.leads == [gijs]


def test_the_join_page_asks_for_the_actors_once(join_link, client, django_assert_num_queries):
    # The link, and the actors for both forms (the guest's and the account's).
    with django_assert_num_queries(2):
        assert client.get(_url(join_link)).status_code == 200
