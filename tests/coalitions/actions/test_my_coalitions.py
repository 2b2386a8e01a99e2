"""Mijn coalities: a person's coalitions and actions across their networks."""

from coalitions.actions.models import Action
from coalitions.models import Coalition, CoalitionMember
from networks.models import Membership, Network

from .conftest import days, make_action


def test_it_lists_my_actions_and_coalitions(coalition, bob, client):
    Action.objects.filter(coalition=coalition).delete()
    make_action(coalition, "Zaal boeken", owner=bob, due_on=days(2))
    client.force_login(bob)
    response = client.get("/mijn-coalities/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Mijn coalities</h1>" in html
    mine = html[html.index("Mijn acties") : html.index("Coalities waarin je zit")]
    assert "Zaal boeken" in mine and "binnenkort" in mine
    assert coalition.name in html and "Jij bent trekker" in html
    assert f"/n/{coalition.network.slug}/coalities/{coalition.pk}/#nieuwe-actie" in html
    assert 'name="terug" value="mijn"' in html


def test_the_header_links_to_it(network, bob, client):
    client.force_login(bob)
    html = client.get("/").content.decode()
    assert 'href="/mijn-coalities/"' in html


def test_without_coalitions_it_says_how_to_join(network, cora, client):
    client.force_login(cora)
    html = client.get("/mijn-coalities/").content.decode()
    assert "Je zit nog in geen coalitie." in html
    assert "Je hebt geen open acties." in html


def test_it_needs_signing_in(db, client):
    response = client.get("/mijn-coalities/")
    assert response.status_code == 302 and "/account/inloggen/" in response.url


def test_only_someone_taking_part_gets_buttons(coalition, cora, client):
    CoalitionMember.objects.create(coalition=coalition, user=cora, role="informed")
    make_action(coalition, "Zaal boeken")
    client.force_login(cora)
    html = client.get("/mijn-coalities/").content.decode()
    assert "Je wordt op de hoogte gehouden" in html and "Zaal boeken" in html
    assert 'name="status"' not in html and "Actie toevoegen" not in html


def test_the_page_takes_a_fixed_number_of_queries(
    coalition, network, bob, alice, client, django_assert_max_num_queries
):
    def grow(n):
        for i in range(n):
            place = Network.objects.create(name=f"Netwerk {n}-{i}", slug=f"netwerk-{n}-{i}")
            Membership.objects.create(network=place, user=bob)
            extra = Coalition.objects.create(network=place, name=f"Coalitie {i}")
            CoalitionMember.objects.create(coalition=extra, user=bob, role="trekker")
            for j in range(3):
                make_action(extra, f"Actie {j}", owner=bob, due_on=days(j))

    client.force_login(bob)
    grow(1)
    with django_assert_max_num_queries(8) as few:
        assert client.get("/mijn-coalities/").status_code == 200
    grow(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get("/mijn-coalities/").content.decode()
    assert html.count('class="card stack my-coalition"') == 8
