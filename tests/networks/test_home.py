from django.utils import timezone

from networks.models import JoinLink


def test_anonymous_visitors_see_the_code_field_and_no_networks(network, client):
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Code invoeren" in body
    assert 'action="/code/"' in body
    assert "Onderwijsregio" not in body


def test_signed_in_people_see_their_networks_with_their_role(network, alice, client):
    client.force_login(alice)
    body = client.get("/").content.decode()
    assert "Onderwijsregio Rivierenland" in body
    assert "facilitator" in body
    assert "Code invoeren" in body


def test_a_code_leads_to_its_join_page_in_any_spelling(join_link, client):
    typed = join_link.display_code.lower().replace("-", " ")
    response = client.get("/code/", {"code": typed})
    assert response.status_code == 302
    assert response.url == f"/doe-mee/{join_link.token}/"


def test_an_unknown_code_says_so_with_404(join_link, client):
    response = client.get("/code/", {"code": "AAA-AAA"})
    assert response.status_code == 404
    assert "Deze code kennen we niet" in response.content.decode()


def test_an_expired_code_says_so_with_410(join_link, client):
    JoinLink.objects.filter(pk=join_link.pk).update(expires_at=timezone.now())
    response = client.get("/code/", {"code": join_link.code})
    assert response.status_code == 410
    assert "Deze code is verlopen" in response.content.decode()


def test_a_revoked_code_says_so_with_410(join_link, client):
    join_link.revoke()
    response = client.get("/code/", {"code": join_link.code})
    assert response.status_code == 410
    assert "Deze code is ingetrokken" in response.content.decode()


def test_an_empty_code_gets_422(db, client):
    response = client.get("/code/", {"code": ""})
    assert response.status_code == 422
    assert "Dit veld is verplicht" in response.content.decode()


def test_guessing_codes_is_throttled(join_link, client):
    for _ in range(30):
        assert client.get("/code/", {"code": "AAA-AAA"}).status_code == 404
    response = client.get("/code/", {"code": join_link.code})
    assert response.status_code == 429
    assert "Te veel onjuiste codes" in response.content.decode()


def test_anonymous_visitors_can_switch_to_english(db, client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert client.get("/").headers["Content-Language"] == "en"


def test_a_guest_sees_when_their_access_has_lapsed(join_link, client):
    client.post(f"/doe-mee/{join_link.token}/", {"guest-name": "Gijs", "guest": "1"})
    assert "gasttoegang verlopen" not in client.get("/").content.decode()
    join_link.revoke()
    assert "gasttoegang verlopen" in client.get("/").content.decode()
