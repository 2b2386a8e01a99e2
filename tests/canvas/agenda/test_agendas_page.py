from canvas.agenda.models import Agenda
from tests.canvas.agenda import standard_agenda


def _url(network):
    return f"/n/{network.slug}/agendas/"


def test_it_lists_the_presets_agendas_and_own_templates(client, network, alice):
    standard_agenda(network, alice)
    standard_agenda(network, alice).save_as_template(alice)
    client.force_login(alice)
    response = client.get(_url(network))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Standaardsessie Netwerk Canvas" in html
    assert "Eerste bijeenkomst" in html and "Coalities vormen" in html
    assert "15 stappen, 170 minuten" in html
    assert "Nog geen eigen sjablonen" not in html


def test_a_coordinator_prepares_too(client, network, cora):
    client.force_login(cora)
    assert client.get(_url(network)).status_code == 200


def test_a_member_may_not_and_a_stranger_sees_nothing(client, network, bob, charlie):
    client.force_login(bob)
    assert client.get(_url(network)).status_code == 403
    assert client.post(_url(network), {"bron": "standaard"}).status_code == 403
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404
    assert not Agenda.objects.exists()


def test_it_makes_an_agenda_from_a_preset(client, network, alice):
    client.force_login(alice)
    response = client.post(_url(network), {"bron": "coalities"})
    agenda = Agenda.objects.get()
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/agendas/{agenda.pk}/"
    assert agenda.title == "Coalities vormen" and agenda.steps.count() == 8
    assert agenda.created_by == alice and not agenda.is_template


def test_it_makes_an_agenda_from_an_own_template(client, network, alice):
    template = standard_agenda(network, alice).save_as_template(alice)
    template.title = "Onze vaste opzet"
    template.save()
    client.force_login(alice)
    client.post(_url(network), {"bron": f"eigen-{template.pk}"})
    made = Agenda.objects.plans().latest("id")
    assert made.title == "Onze vaste opzet" and made.steps.count() == 15


def test_it_refuses_an_unknown_template_or_one_of_another_network(client, network, alice):
    from canvas.records.interchange import import_network
    from tests.conftest import example_document

    other = import_network(example_document())
    theirs = standard_agenda(other, None).save_as_template(None)
    before = Agenda.objects.count()
    client.force_login(alice)
    for bron in ("onbekend", f"eigen-{theirs.pk}", ""):
        response = client.post(_url(network), {"bron": bron})
        assert response.status_code == 422
        assert "Kies" in response.content.decode()
    assert Agenda.objects.count() == before


def test_the_workshops_page_links_here_for_those_who_prepare(client, network, alice, bob):
    client.force_login(alice)
    assert _url(network) in client.get(f"/n/{network.slug}/workshops/").content.decode()
    client.force_login(bob)
    assert _url(network) not in client.get(f"/n/{network.slug}/workshops/").content.decode()
