from canvas.models import Note
from networks.models import User
from tests.conftest import make_user

URL = "/account/"


def test_it_changes_my_name(bob, client):
    client.force_login(bob)
    response = client.post(URL, {"name-name": "Bob de Bouwer", "save_name": "1"})
    assert response.status_code == 302
    bob.refresh_from_db()
    assert bob.name == "Bob de Bouwer"


def test_an_empty_name_is_refused(bob, client):
    client.force_login(bob)
    response = client.post(URL, {"name-name": "  ", "save_name": "1"})
    assert response.status_code == 422
    assert "Dit veld is verplicht" in response.content.decode()
    bob.refresh_from_db()
    assert bob.name == "Bob"


def test_it_changes_my_password_and_keeps_me_signed_in(bob, client):
    client.force_login(bob)
    data = {
        "password-old_password": "s3cret-pass!",
        "password-new_password1": "nog-beter-wachtwoord",
        "password-new_password2": "nog-beter-wachtwoord",
        "change_password": "1",
    }
    assert client.post(URL, data).status_code == 302
    bob.refresh_from_db()
    assert bob.check_password("nog-beter-wachtwoord")
    assert client.get(URL).status_code == 200


def test_a_wrong_old_password_changes_nothing(bob, client):
    client.force_login(bob)
    data = {
        "password-old_password": "fout",
        "password-new_password1": "nog-beter-wachtwoord",
        "password-new_password2": "nog-beter-wachtwoord",
        "change_password": "1",
    }
    assert client.post(URL, data).status_code == 422
    bob.refresh_from_db()
    assert bob.check_password("s3cret-pass!")


def test_a_guest_becomes_a_member_and_keeps_their_notes(network, client):
    guest = User.objects.create_guest("Gijs")
    note = Note.objects.create(
        network=network, block="identity", prompt="passion", text="Samen", author=guest
    )
    client.force_login(guest)
    assert "Blijf meedoen met een account" in client.get(URL).content.decode()
    data = {"become-email": "Gijs@Example.org", "become-password": "gijs-zijn-wachtwoord"}
    response = client.post(URL, {**data, "become_member": "1"})
    assert response.status_code == 302
    guest.refresh_from_db()
    assert not guest.is_guest
    assert guest.email == "gijs@example.org"
    assert guest.check_password("gijs-zijn-wachtwoord")
    assert Note.objects.get(pk=note.pk).author == guest
    assert client.get(URL).status_code == 200  # still signed in


def test_a_guest_cannot_take_an_email_in_use(db, client):
    make_user("Anna")
    guest = User.objects.create_guest("Gijs")
    client.force_login(guest)
    data = {"become-email": "ANNA@example.org", "become-password": "gijs-zijn-wachtwoord"}
    response = client.post(URL, {**data, "become_member": "1"})
    assert response.status_code == 422
    assert "Er is al een account met dit e-mailadres" in response.content.decode()
    guest.refresh_from_db()
    assert guest.is_guest and guest.email is None


def test_a_guest_needs_a_good_password(db, client):
    guest = User.objects.create_guest("Gijs")
    client.force_login(guest)
    data = {"become-email": "gijs@example.org", "become-password": "123"}
    assert client.post(URL, {**data, "become_member": "1"}).status_code == 422
    guest.refresh_from_db()
    assert guest.is_guest


def test_a_member_cannot_use_the_guest_form(bob, client):
    client.force_login(bob)
    data = {"become-email": "ander@example.org", "become-password": "een-wachtwoord-123"}
    assert client.post(URL, {**data, "become_member": "1"}).status_code == 422
    bob.refresh_from_db()
    assert bob.email == "bob@example.org"


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_a_guest_is_warned_before_signing_out(db, client):
    guest = User.objects.create_guest("Gijs")
    client.force_login(guest)
    home = client.get("/").content.decode()
    assert 'href="/account/#uitloggen"' in home
    profile = client.get(URL).content.decode()
    assert "niet meer terug in dit account" in profile
    assert 'action="/account/uitloggen/"' in profile
