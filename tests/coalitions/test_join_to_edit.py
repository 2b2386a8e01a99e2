"""A member who opens the edit form of a coalition they are not in is invited to join."""

from coalitions.models import Coalition, CoalitionMember

HX = {"HX-Request": "true"}


def _coalition(network):
    return Coalition.objects.get(network=network, name="Techniekdag")


def test_a_member_outside_the_coalition_gets_doe_mee_om_te_bewerken(network, bob, client):
    coalition = _coalition(network)
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Doe mee om te bewerken" in html
    assert f'action="/n/{network.slug}/coalities/{coalition.pk}/meedoen/"' in html
    assert 'name="terug" value="bewerken"' in html and 'name="choice" value="lid"' in html
    assert 'name="name"' not in html  # not the form itself


def test_htmx_gets_only_the_invitation(network, bob, client):
    coalition = _coalition(network)
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/", headers=HX)
    html = response.content.decode()
    assert response.status_code == 403
    assert html.lstrip().startswith('<section class="card stack callout join-to-edit"')
    assert "<html" not in html


def test_a_post_from_outside_changes_nothing(network, bob, client):
    coalition = _coalition(network)
    client.force_login(bob)
    url = f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/"
    response = client.post(url, {"name": "Overgenomen", "status": "idee", "revision": "1"})
    assert response.status_code == 403
    assert _coalition(network).revision == coalition.revision


def test_joining_from_there_opens_the_form(network, bob, client):
    coalition = _coalition(network)
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/coalities/{coalition.pk}/meedoen/",
        {"choice": "lid", "terug": "bewerken"},
    )
    assert response.status_code == 302
    assert (
        response.url
        == f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/#coalition-{coalition.pk}"
    )
    assert CoalitionMember.objects.get(coalition=coalition, user=bob).role == "lid"
    form = client.get(response.url).content.decode()
    assert 'id="coalition-form"' in form


def test_informed_people_are_invited_too(network, bob, client):
    coalition = _coalition(network)
    CoalitionMember.objects.create(coalition=coalition, user=bob, role="informed")
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/")
    assert response.status_code == 403 and "Doe mee om te bewerken" in response.content.decode()


def test_a_stranger_still_gets_404(network, charlie, client):
    coalition = _coalition(network)
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/coalities/{coalition.pk}/bewerken/").status_code == 404
