import pytest
from django.core.management import CommandError, call_command

from networks.models import Membership, Network, User


def test_the_demo_sets_up_once_and_prints_working_logins(db, capsys, settings):
    settings.DEBUG = True
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)
    out = capsys.readouterr().out.splitlines()
    # The example network, and six neighbours for the overlap pages (four the coordinator sees).
    assert Network.objects.count() == 7
    assert Membership.objects.count() == 3 + 4
    logins = [line for line in out if line.startswith(("facilitator:", "coordinator:", "member:"))]
    assert len(logins) == 6
    role, login = logins[0].split(": ", 1)
    email, password = login.split(" / ")
    assert role == "facilitator"
    user = User.objects.get(email=email)
    assert user.check_password(password)
    assert Membership.objects.get(user=user).role == "facilitator"


def test_the_demo_has_past_scans_to_look_at(db, settings):
    settings.DEBUG = True
    call_command("demo", no_serve=True)
    call_command("demo", no_serve=True)
    network = Network.objects.get(name="Onderwijsregio Rivierenland")
    scans = list(network.scans.all())
    assert len(scans) == 2
    assert all(scan.results().shown for scan in scans)


def test_the_home_page_lists_my_networks_in_dutch(network, bob, client):
    client.force_login(bob)
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onderwijsregio Rivierenland" in body
    assert '<html lang="nl">' in body
    assert "Netwerken" in body


def test_the_demo_refuses_to_run_in_production(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", no_serve=True)
    assert not User.objects.exists()


def test_dutch_comes_first_even_for_an_english_browser(network, bob, client):
    client.force_login(bob)
    response = client.get("/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.headers["Content-Language"] == "nl"


def test_english_is_there_when_chosen(network, bob, client):
    client.force_login(bob)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
