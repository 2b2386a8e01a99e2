from datetime import timedelta

from django.utils import timezone

from canvas.models import Note
from networks.models import Activity, JoinLink, Membership, User


def _url(link):
    return f"/doe-mee/{link.token}/"


def test_anonymous_visitors_get_three_ways_in(join_link, client):
    response = client.get(_url(join_link))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Onderwijsregio Rivierenland" in body
    assert "Doe mee als gast" in body
    assert "Account maken en meedoen" in body
    assert f"/account/inloggen/?next=/doe-mee/{join_link.token}/" in body


def test_a_guest_joins_with_only_a_name(join_link, network, client):
    response = client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"
    guest = User.objects.get(name="Gijs")
    assert guest.is_guest and guest.email is None and not guest.has_usable_password()
    membership = Membership.objects.get(user=guest)
    assert (membership.network, membership.role) == (network, Membership.Role.MEMBER)
    assert membership.join_link == join_link
    assert client.get(f"/n/{network.slug}/").status_code == 200
    entry = Activity.objects.get(area="people", kind="person.joined")
    assert entry.sentence() == "Gijs doet mee in het netwerk"


def test_a_guest_needs_a_name(join_link, client):
    response = client.post(_url(join_link), {"guest-name": " ", "guest": "1"})
    assert response.status_code == 422
    assert "Dit veld is verplicht" in response.content.decode()
    assert not User.objects.filter(is_guest=True).exists()


def test_a_new_account_in_one_short_form(join_link, network, client):
    data = {
        "register-name": "Rita",
        "register-email": "Rita@Example.org",
        "register-password": "rita-haar-wachtwoord",
        "register": "1",
    }
    response = client.post(_url(join_link), data)
    assert response.status_code == 302
    rita = User.objects.get(email="rita@example.org")
    assert rita.check_password("rita-haar-wachtwoord") and not rita.is_guest
    assert Membership.objects.filter(user=rita, network=network, role="member").exists()


def test_a_signed_in_stranger_joins_with_one_click(join_link, network, charlie, client):
    client.force_login(charlie)
    page = client.get(_url(join_link))
    assert "Doe mee als Charlie" in page.content.decode()
    assert not Membership.objects.filter(user=charlie).exists()  # opening changes nothing
    response = client.post(_url(join_link), {"join": "1"})
    assert response.status_code == 302
    assert Membership.objects.get(user=charlie).role == "member"


def test_a_member_keeps_their_role(join_link, network, alice, client):
    client.force_login(alice)
    response = client.get(_url(join_link))
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/"
    assert Membership.objects.get(user=alice).role == "facilitator"


def test_unknown_expired_and_revoked_links_say_so(join_link, client):
    response = client.get("/doe-mee/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze deelnamelink kennen we niet" in response.content.decode()
    JoinLink.objects.filter(pk=join_link.pk).update(expires_at=timezone.now())
    response = client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    join_link.refresh_from_db()
    join_link.revoke()
    assert "ingetrokken" in client.get(_url(join_link)).content.decode()
    assert not User.objects.filter(is_guest=True).exists()


def test_a_guest_takes_part_only_while_the_link_is_valid(join_link, network, alice, client):
    client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    guest = User.objects.get(name="Gijs")
    Note.objects.create(
        network=network, block="identity", prompt="passion", text="Van Gijs", author=guest
    )
    join_link.revoke()
    response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/bedankt/"  # instead of "Geen toegang"
    assert "niet meer geldig" in client.get(response.url).content.decode()
    # A new link of the network lets the guest back in, as the same person.
    fresh = JoinLink.create_for(network, alice, timedelta(hours=1))
    assert client.post(_url(fresh), {"join": "1"}).status_code == 302
    assert client.get(f"/n/{network.slug}/").status_code == 200
    assert Membership.objects.filter(user=guest).count() == 1
    assert Note.objects.get(text="Van Gijs").author == guest


def test_a_guest_who_made_an_account_stays_after_the_link_expires(join_link, network, client):
    client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    data = {"become-email": "gijs@example.org", "become-password": "gijs-zijn-wachtwoord"}
    client.post("/account/", {**data, "become_member": "1"})
    JoinLink.objects.filter(pk=join_link.pk).update(expires_at=timezone.now())
    assert client.get(f"/n/{network.slug}/").status_code == 200


def test_a_guest_cannot_start_a_network(join_link, client):
    from networks.models import Network

    client.post(_url(join_link), {"guest-name": "Gijs", "guest": "1"})
    response = client.post("/nieuw/", {"name": "Gijs zijn netwerk"})
    assert response.status_code == 403
    assert "Maak eerst een account" in response.content.decode()
    assert not Network.objects.filter(name="Gijs zijn netwerk").exists()
    assert "Netwerk starten" not in client.get("/").content.decode()
