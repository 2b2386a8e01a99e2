def test_a_member_sees_the_network(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 200
    assert "Onderwijsregio Rivierenland" in response.content.decode()


def test_a_stranger_cannot_tell_it_exists(network, charlie, client):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/").status_code == 404
    assert client.get("/n/bestaat-niet/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(network, client):
    response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_the_home_page_lists_only_my_networks(network, charlie, client):
    client.force_login(charlie)
    assert "Onderwijsregio" not in client.get("/").content.decode()


def test_signing_in_by_email_works(network, bob, client):
    response = client.post(
        "/account/inloggen/", {"username": "BOB@example.org", "password": "s3cret-pass!"}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
