"""The profile's choice to show one's address to one's coalition partners."""

from tests.conftest import make_user


def test_it_is_off_by_default_and_can_be_switched_on(db, client):
    user = make_user("Bob")
    assert user.shows_email is False and user.shared_email == ""
    client.force_login(user)
    page = client.get("/account/").content.decode()
    assert "Mijn e-mailadres tonen aan mijn coalitiegenoten" in page
    response = client.post("/account/", {"save_contact": "1", "contact-shows_email": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.shows_email is True and user.shared_email == "bob@example.org"
    client.post("/account/", {"save_contact": "1"})
    user.refresh_from_db()
    assert user.shows_email is False


def test_a_guest_has_no_such_choice(db, client):
    guest = make_user("Gast", is_guest=True)
    client.force_login(guest)
    assert "coalitiegenoten" not in client.get("/account/").content.decode()
    client.post("/account/", {"save_contact": "1", "contact-shows_email": "on"})
    guest.refresh_from_db()
    assert guest.shows_email is False
