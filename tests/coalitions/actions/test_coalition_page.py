"""A coalition's page: what it is for, who to call, its actions; adding one."""

from coalitions.actions.models import Action
from networks.models import Activity

from .conftest import days, make_action

HX = {"HX-Request": "true"}


def _url(coalition):
    return f"/n/{coalition.network.slug}/coalities/{coalition.pk}/"


def test_it_shows_the_coalition_its_people_and_actions(coalition, bob, client):
    make_action(coalition, "Zaal boeken", owner=bob, due_on=days(3))
    client.force_login(bob)
    response = client.get(_url(coalition))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{coalition.name}</h1>" in html
    assert "Zaal boeken" in html and "binnenkort" in html
    assert 'id="nieuwe-actie"' in html


def test_a_member_adds_an_action(coalition, bob, alice, client):
    client.force_login(bob)
    response = client.post(
        _url(coalition), {"title": "Draaiboek schrijven", "owner": alice.pk, "due_on": days(10)}
    )
    action = Action.objects.get(title="Draaiboek schrijven")
    assert response.status_code == 302
    assert response.url == f"{_url(coalition)}#action-{action.pk}"
    assert (action.owner, action.due_on, action.status) == (alice, days(10), "open")
    coalition.refresh_from_db()
    assert coalition.next_step == "Draaiboek schrijven"
    assert Activity.objects.filter(kind="action.added").exists()


def test_htmx_gets_the_actions_part_with_a_fresh_form(coalition, bob, client):
    client.force_login(bob)
    response = client.post(
        _url(coalition), {"title": "Flyer", "owner": bob.pk, "due_on": ""}, headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section class="card stack coalition-actions" id="actions"')
    assert "<html" not in html
    assert "Flyer" in html
    assert 'name="title"' in html and 'value="Flyer"' not in html


def test_a_date_in_1900_is_refused_next_to_the_field(coalition, bob, client):
    client.force_login(bob)
    response = client.post(
        _url(coalition), {"title": "Oud", "owner": bob.pk, "due_on": "1900-01-01"}, headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert "Kies een datum tussen" in html
    assert 'value="Oud"' in html  # nothing typed is lost
    assert not Action.objects.filter(title="Oud").exists()


def test_a_date_more_than_five_years_ahead_is_refused(coalition, bob, client):
    client.force_login(bob)
    response = client.post(
        _url(coalition), {"title": "Later", "owner": bob.pk, "due_on": days(6 * 366)}
    )
    assert response.status_code == 422
    assert "Kies een datum tussen" in response.content.decode()
    assert not Action.objects.filter(title="Later").exists()


def test_an_owner_outside_the_coalition_is_refused(coalition, bob, cora, client):
    client.force_login(bob)
    response = client.post(_url(coalition), {"title": "Bellen", "owner": cora.pk})
    assert response.status_code == 422
    assert "Kies iemand die meedoet met deze coalitie." in response.content.decode()
    assert not Action.objects.filter(title="Bellen").exists()


def test_someone_not_in_the_coalition_sees_it_but_cannot_add(coalition, cora, client):
    coalition.members.filter(user=cora).delete()
    from networks.models import Membership

    Membership.objects.filter(user=cora).update(role=Membership.Role.MEMBER)
    client.force_login(cora)
    response = client.get(_url(coalition))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="nieuwe-actie"' not in html
    assert "Ik doe mee" in html
    assert client.post(_url(coalition), {"title": "X", "owner": cora.pk}).status_code == 403
    assert not Action.objects.filter(title="X").exists()


def test_a_stranger_gets_404(coalition, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(coalition)).status_code == 404
    assert client.post(_url(coalition), {"title": "X"}).status_code == 404


def test_another_networks_coalition_is_404(coalition, bob, client):
    from networks.models import Network

    other = Network.objects.create(name="Ander", slug="ander")
    client.force_login(bob)
    assert client.get(f"/n/{other.slug}/coalities/{coalition.pk}/").status_code == 404


def test_the_page_takes_a_fixed_number_of_queries(
    coalition, bob, client, django_assert_max_num_queries
):
    client.force_login(bob)
    make_action(coalition, "Eén", owner=bob)
    with django_assert_max_num_queries(20) as few:
        client.get(_url(coalition))
    for n in range(6):
        make_action(coalition, f"Actie {n}", owner=bob, due_on=days(n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(coalition))
