from networks.models import Activity


def _url(network):
    return f"/n/{network.slug}/bewerken/"


def test_a_facilitator_edits_name_description_and_type(network, alice, client):
    client.force_login(alice)
    response = client.post(
        _url(network),
        {
            "name": "Onderwijsregio Rivierenland 2.0",
            "description": "",
            "network_type": "ketensamenwerking",
            "revision": 1,
        },
    )
    network.refresh_from_db()
    assert response.status_code == 302
    assert (network.name, network.description, network.network_type) == (
        "Onderwijsregio Rivierenland 2.0",
        "",
        "ketensamenwerking",
    )
    assert network.slug == "onderwijsregio-rivierenland"  # links keep working
    activity = Activity.objects.get(area="network", kind="network.edited")
    assert activity.after["name"] == "Onderwijsregio Rivierenland 2.0"


def test_a_coordinator_may_edit_it_too(network, cora, client):
    client.force_login(cora)
    assert client.get(_url(network)).status_code == 200


def test_a_member_may_not(network, bob, client):
    client.force_login(bob)
    assert client.get(_url(network)).status_code == 403
    assert client.post(_url(network), {"name": "Gekaapt"}).status_code == 403
    network.refresh_from_db()
    assert network.name == "Onderwijsregio Rivierenland"


def test_bad_input_changes_nothing(network, alice, client):
    client.force_login(alice)
    response = client.post(_url(network), {"name": "x" * 201, "network_type": "lerend netwerk"})
    assert response.status_code == 422
    html = response.content.decode()
    assert "Hoogstens 200 tekens; dit zijn er 201." in html
    assert "Onderwijsregio Rivierenland" in html  # the heading keeps the stored name
    network.refresh_from_db()
    assert (network.name, network.network_type) == (
        "Onderwijsregio Rivierenland",
        "organisatienetwerk",
    )


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404
