"""Two stale forms of a network's settings: the second save is caught, nothing is lost."""

from django.test import Client

from networks.models import Activity, Network


def _url(network):
    return f"/n/{network.slug}/bewerken/"


def _form(network, **changes):
    return {
        "name": network.name,
        "description": network.description,
        "network_type": network.network_type,
        "revision": network.revision,
        **changes,
    }


def test_the_form_carries_the_revision_it_started_from(network, alice, client):
    client.force_login(alice)
    html = client.get(_url(network)).content.decode()
    assert 'type="hidden" name="revision" value="1"' in html


def test_the_second_of_two_stale_forms_is_refused_and_shows_both(network, alice, cora):
    first, second = Client(), Client()
    first.force_login(alice)
    second.force_login(cora)
    stale = Network.objects.get(pk=network.pk)  # both opened the form at revision 1

    response = first.post(_url(network), _form(stale, description="Van Alice."))
    assert response.status_code == 302
    response = second.post(_url(network), _form(stale, description="Van Cora."))

    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft de gegevens van dit netwerk intussen gewijzigd." in html
    assert "Van Alice." in html  # theirs, to compare
    assert "Van Cora.</textarea>" in html  # one's own, still in the form
    assert 'name="revision" value="2"' in html  # saving again means: mine wins
    network.refresh_from_db()
    assert (network.description, network.revision) == ("Van Alice.", 2)
    assert Activity.objects.filter(kind="network.edited").count() == 1


def test_saving_again_after_the_conflict_keeps_ones_own(network, alice, cora):
    stale = Network.objects.get(pk=network.pk)
    client = Client()
    client.force_login(alice)
    client.post(_url(network), _form(stale, description="Van Alice."))
    client.force_login(cora)
    assert client.post(_url(network), _form(stale, description="Van Cora.")).status_code == 409
    response = client.post(_url(network), _form(stale, description="Van Cora.", revision=2))
    assert response.status_code == 302
    network.refresh_from_db()
    assert (network.description, network.revision) == ("Van Cora.", 3)


def test_a_form_without_its_revision_changes_nothing(network, alice, client):
    client.force_login(alice)
    data = _form(network, name="Zonder versie")
    del data["revision"]
    response = client.post(_url(network), data)
    assert response.status_code == 422
    assert "Dit formulier is te oud; open het opnieuw." in response.content.decode()
    network.refresh_from_db()
    assert network.name == "Onderwijsregio Rivierenland"
