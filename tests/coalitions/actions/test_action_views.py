"""Editing an action and moving it on (open, bezig, klaar)."""

from coalitions.actions.models import Action
from networks.models import Membership
from tests.conftest import make_user

from .conftest import days, make_action

HX = {"HX-Request": "true"}


def _base(action):
    coalition = action.coalition
    return f"/n/{coalition.network.slug}/coalities/{coalition.pk}/acties/{action.pk}/"


def test_marking_an_action_done(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    response = client.post(_base(action) + "status/", {"status": "klaar"})
    action.refresh_from_db()
    assert response.status_code == 302
    assert response.url.endswith(f"/coalities/{coalition.pk}/#action-{action.pk}")
    assert action.status == "klaar"


def test_htmx_gets_the_action_back_alone(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    response = client.post(_base(action) + "status/", {"status": "bezig"}, headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<li class="action-item action-bezig" id="action-{action.pk}"')
    assert "<html" not in html
    assert 'value="klaar"' in html and " autofocus" in html


def test_back_to_mijn_coalities(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    response = client.post(_base(action) + "status/", {"status": "klaar", "terug": "mijn"})
    assert response.url == f"/mijn-coalities/#action-{action.pk}"


def test_a_wrong_status_is_refused(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    response = client.post(_base(action) + "status/", {"status": "misschien"}, headers=HX)
    assert response.status_code == 422
    assert "Kies open, bezig of klaar." in response.content.decode()
    response = client.post(_base(action) + "status/", {"status": "misschien"})
    assert response.status_code == 422
    assert "Kies open, bezig of klaar." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "open"


def test_someone_not_taking_part_cannot_change_it(coalition, network, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    other = make_user("Dirk")
    Membership.objects.create(network=network, user=other)
    client.force_login(other)
    assert client.post(_base(action) + "status/", {"status": "klaar"}).status_code == 403
    assert client.get(_base(action) + "bewerken/").status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_editing_an_action(coalition, bob, alice, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    page = client.get(_base(action) + "bewerken/").content.decode()
    assert 'name="revision" value="1"' in page
    response = client.post(
        _base(action) + "bewerken/",
        {
            "title": "Zaal boeken in Tiel",
            "owner": alice.pk,
            "due_on": days(5),
            "status": "bezig",
            "revision": 1,
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.title, action.owner, action.due_on, action.status, action.revision) == (
        "Zaal boeken in Tiel",
        alice,
        days(5),
        "bezig",
        2,
    )


def test_an_old_date_the_action_already_had_may_stay(coalition, bob, client):
    action = make_action(coalition, "Oud", owner=bob, due_on=days(-400))
    client.force_login(bob)
    data = {"title": "Oud, hernoemd", "owner": bob.pk, "due_on": days(-400), "status": "open"}
    response = client.post(_base(action) + "bewerken/", {**data, "revision": 1})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.title == "Oud, hernoemd"


def test_a_stale_save_shows_both_and_changes_nothing(coalition, bob, alice, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    data = {"title": "Mijn titel", "owner": bob.pk, "due_on": "", "status": "open", "revision": 1}
    client.force_login(alice)
    client.post(_base(action) + "bewerken/", {**data, "title": "Hun titel"})
    client.force_login(bob)
    response = client.post(_base(action) + "bewerken/", data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "intussen gewijzigd" in html and "Hun titel" in html
    assert 'value="Mijn titel"' in html and 'name="revision" value="2"' in html
    action.refresh_from_db()
    assert (action.title, action.revision) == ("Hun titel", 2)
    assert client.post(_base(action) + "bewerken/", {**data, "revision": 2}).status_code == 302
    action.refresh_from_db()
    assert action.title == "Mijn titel"


def test_an_edit_without_its_revision_is_refused(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    data = {"title": "Nieuw", "owner": bob.pk, "status": "open"}
    response = client.post(_base(action) + "bewerken/", data)
    assert response.status_code == 422
    assert "Dit formulier is te oud; open het opnieuw." in response.content.decode()
    assert Action.objects.get(pk=action.pk).title == "Zaal boeken"


def test_another_coalitions_action_is_404(coalition, network, bob, client):
    from coalitions.models import Coalition

    other = Coalition.objects.filter(network=network).exclude(pk=coalition.pk).first()
    action = make_action(other, "Elders")
    client.force_login(bob)
    url = f"/n/{network.slug}/coalities/{coalition.pk}/acties/{action.pk}/status/"
    assert client.post(url, {"status": "klaar"}).status_code == 404


def test_an_edit_opened_before_a_status_change_is_stale(coalition, bob, client):
    action = make_action(coalition, "Zaal boeken", owner=bob)
    client.force_login(bob)
    client.post(_base(action) + "status/", {"status": "klaar"})
    data = {"title": "Zaal boeken", "owner": bob.pk, "status": "open", "revision": 1}
    response = client.post(_base(action) + "bewerken/", data)
    assert response.status_code == 409
    action.refresh_from_db()
    assert (action.status, action.revision) == ("klaar", 2)
