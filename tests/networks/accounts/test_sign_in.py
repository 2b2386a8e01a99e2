from networks.models import User

URL = "/account/inloggen/"


def _sign_in(client, email="bob@example.org", password="s3cret-pass!", **extra):
    return client.post(URL, {"username": email, "password": password, **extra}, **{})


def test_it_signs_in_with_email_and_password(bob, client):
    response = _sign_in(client, email="Bob@Example.org")
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/account/").status_code == 200


def test_it_says_clearly_when_the_password_is_wrong(bob, client):
    response = _sign_in(client, password="fout")
    assert response.status_code == 422
    assert "horen niet bij elkaar" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_follows_a_safe_next_only(bob, client):
    assert _sign_in(client, next="/n/x/").url == "/n/x/"
    client.logout()
    assert _sign_in(client, next="https://evil.example.com/").url == "/"


def test_it_refuses_after_five_failures_for_one_email_even_with_the_right_password(bob, client):
    for _ in range(5):
        assert _sign_in(client, password="fout").status_code == 422
    response = _sign_in(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_email_throttle_ignores_case_and_spares_other_accounts(bob, alice, client):
    for _ in range(5):
        _sign_in(client, email="BOB@example.org", password="fout")
    assert _sign_in(client, email="bob@example.org").status_code == 429
    assert _sign_in(client, email="alice@example.org").status_code == 302


def test_it_refuses_one_address_after_twenty_failures(bob, client, db):
    for n in range(20):
        _sign_in(client, email=f"iemand{n}@example.org", password="fout")
    assert _sign_in(client).status_code == 429


def test_a_successful_sign_in_forgets_earlier_failures(bob, client):
    for _ in range(4):
        _sign_in(client, password="fout")
    assert _sign_in(client).status_code == 302
    client.logout()
    for _ in range(4):
        assert _sign_in(client, password="fout").status_code == 422


def test_the_throttle_counts_the_proxy_address_only_when_told(bob, client, settings):
    settings.USE_X_FORWARDED_FOR = True
    for n in range(20):
        _sign_in(client, email=f"x{n}@example.org", password="fout", HTTP_X_FORWARDED_FOR="1.1.1.1")
    forwarded = {"HTTP_X_FORWARDED_FOR": "spoofed, 2.2.2.2"}
    assert (
        client.post(
            URL, {"username": "bob@example.org", "password": "s3cret-pass!"}, **forwarded
        ).status_code
        == 302
    )


def test_guests_cannot_sign_in(db, client):
    User.objects.create_guest("Gijs")
    response = client.post(URL, {"username": "", "password": ""})
    assert response.status_code == 422


def test_signing_out_takes_a_post(bob, client):
    client.force_login(bob)
    assert client.get("/account/uitloggen/").status_code == 405
    assert client.post("/account/uitloggen/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_page_has_a_forgot_password_link(client, db):
    body = client.get(URL).content.decode()
    assert "/account/wachtwoord-vergeten/" in body
    assert 'type="email"' in body
