from networks.models import Activity, Membership, Network


def test_anyone_signed_in_creates_a_network_and_facilitates_it(charlie, client):
    client.force_login(charlie)
    response = client.post(
        "/nieuw/",
        {
            "name": "Lerend netwerk Wiskunde",
            "description": "Docenten",
            "network_type": "lerend netwerk",
        },
    )
    network = Network.objects.get(name="Lerend netwerk Wiskunde")
    assert response.status_code == 302 and response.url == f"/n/{network.slug}/"
    assert network.slug == "lerend-netwerk-wiskunde"
    assert Membership.objects.get(network=network).user == charlie
    assert Membership.objects.get(network=network).role == "facilitator"
    assert Activity.objects.filter(network=network, kind="network.created").exists()
    assert client.get(response.url).status_code == 200


def test_the_form_page_is_there(charlie, client):
    client.force_login(charlie)
    html = client.get("/nieuw/").content.decode()
    assert 'name="name"' in html and "lerend netwerk" in html
    assert "Netwerk starten" in client.get("/").content.decode()


def test_bad_input_gets_messages_and_creates_nothing(charlie, client):
    client.force_login(charlie)
    response = client.post("/nieuw/", {"name": "", "network_type": "club"})
    html = response.content.decode()
    assert response.status_code == 422
    assert "Geef het netwerk een naam." in html
    assert "Kies lerend netwerk, ketensamenwerking of organisatienetwerk." in html
    assert not Network.objects.exists()


def test_anonymous_visitors_must_sign_in(client, db):
    response = client.post("/nieuw/", {"name": "X"})
    assert response.status_code == 302 and "/account/inloggen/" in response.url
    assert not Network.objects.exists()
