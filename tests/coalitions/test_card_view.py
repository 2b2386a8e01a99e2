"""A coalition's card on its own (`coalitions:card`): what a board fetches when only the
card changed — as that person sees it, for the projector without controls."""

from django.db.models import Max

from coalitions.models import Ambition, Coalition, CoalitionRole

HX = {"HX-Request": "true"}


def _url(coalition, query=""):
    return f"/n/{coalition.network.slug}/coalities/{coalition.pk}/kaart/{query}"


def test_each_person_gets_the_card_with_their_own_controls(network, bob, cora, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    coalition.members.create(user=bob, role=CoalitionRole.MEMBER)

    client.force_login(bob)
    response = client.get(_url(coalition), headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(
        f'<article class="coalition-card status-actief" id="coalition-{coalition.pk}"'
    )
    assert f'data-live-key="coalition-{coalition.pk}"' in html
    assert "Jij doet mee" in html and 'value="weg"' in html and "<html" not in html

    client.force_login(cora)  # a coordinator outside the coalition: she may join
    html = client.get(_url(coalition), headers=HX).content.decode()
    assert "Jij doet mee" not in html and 'value="lid"' in html


def test_the_projector_gets_the_card_without_a_single_control(network, alice, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(alice)
    html = client.get(_url(coalition, "?projector=1"), headers=HX).content.decode()
    assert "<form" not in html and "csrfmiddlewaretoken" not in html
    assert "?projector=1" in html  # it fetches itself as the projector again


def test_without_htmx_the_board_opens_at_the_card(network, bob, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(bob)
    response = client.get(_url(coalition))
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#coalition-{coalition.pk}"


def test_nobody_outside_the_network_and_no_card_that_is_not_there(network, bob, charlie, client):
    coalition = Coalition.objects.get(name="Techniekdag")
    client.force_login(charlie)
    assert client.get(_url(coalition), headers=HX).status_code in (403, 404)
    missing = (Coalition.all_objects.aggregate(Max("pk"))["pk__max"] or 0) + 1
    url = f"/n/{network.slug}/coalities/{missing}/kaart/"
    client.force_login(bob)
    assert client.get(url, headers=HX).status_code == 404


def test_a_card_under_someone_elses_hidden_ambition_is_not_there(network, alice, bob, client):
    ambition = Ambition.objects.create(network=network, title="Stil", created_by=alice)
    Ambition.all_objects.filter(pk=ambition.pk).update(hidden=True)
    coalition = Coalition.objects.create(network=network, ambition=ambition, name="Onder stil")
    client.force_login(bob)
    assert client.get(_url(coalition), headers=HX).status_code == 404
    client.force_login(alice)
    assert client.get(_url(coalition), headers=HX).status_code == 200
