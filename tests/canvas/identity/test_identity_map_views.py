"""The identiteitskaart's pages: placing from a phone, the live map, making notes, printing."""

import pytest

from canvas.identity import views
from canvas.identity.models import IdentityMap, Placement
from canvas.models import Note
from canvas.workshops.models import Workshop
from networks.models import User

HTMX = {"HX-Request": "true"}


@pytest.fixture
def workshop(network, alice):
    return Workshop.start(network, alice, "Workshop 1")


@pytest.fixture
def published(monkeypatch):
    keys = []
    monkeypatch.setattr(views, "publish_change", lambda network, *k, by=None: keys.append(k))
    return keys


def _url(network, suffix=""):
    return f"/n/{network.slug}/identiteitskaart/{suffix}"


def _place(client, network, word="Samen", part="passie", x="40", y="60", **headers):
    data = {"part": part, "word": word, "x": x, "y": y}
    return client.post(_url(network), data, headers=headers)


def test_a_member_places_a_dot_and_a_word(network, workshop, bob, client, published):
    client.force_login(bob)
    response = _place(client, network)
    assert response.status_code == 302
    assert response.url == _url(network) + "#kaart"
    placement = Placement.objects.get()
    assert (placement.map.workshop, placement.author, placement.part) == (workshop, bob, "passie")
    assert (placement.word, placement.x, placement.y) == ("Samen", 40, 60)
    assert published == [("identity-map",)]
    page = client.get(_url(network))
    assert "“Samen” staat op de kaart bij Passie." in page.content.decode()


def test_placing_by_htmx_answers_the_form_and_ones_own_map(
    network, workshop, bob, client, published
):
    client.force_login(bob)
    response = _place(client, network, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="plaatsen"' in html and "<html" not in html
    assert "staat op de kaart bij Passie" in html
    # The map, out of band, as this person sees it: the event skips this tab.
    assert 'id="kaart"' in html and 'hx-swap-oob="true"' in html
    assert 'id="part-passie-mine">Jouw woord: <strong>Samen</strong>' in html
    placement = Placement.objects.get()
    assert f'class="idmap-dot mine" id="placement-{placement.pk}"' in html


def test_placing_again_moves_the_dot(network, workshop, bob, client, published):
    client.force_login(bob)
    _place(client, network, word="Samen", x="10", y="10")
    _place(client, network, word="Verbinden", x="90", y="80")
    placement = Placement.objects.get()
    assert (placement.word, placement.x, placement.y) == ("Verbinden", 90, 80)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"word": "twee woorden"}, "Schrijf één woord, zonder spaties"),
        ({"word": "a" * 31}, "Een woord heeft hoogstens 30 tekens; dit heeft er 31."),
        ({"word": ""}, "Schrijf één woord."),
        ({"word": "!!!"}, "Een woord heeft minstens één letter of cijfer."),
        ({"part": "stijl"}, "Kies een deel: passie, opgave of positie."),
        ({"x": "101"}, "Een plek is een getal van 0 tot en met 100."),
        ({"y": "abc"}, "Een plek is een getal van 0 tot en met 100."),
    ],
)
def test_bad_input_is_refused_next_to_its_field(network, workshop, bob, client, data, message):
    client.force_login(bob)
    data = {"part": "passie", "word": "Samen", "x": 5, "y": 5, **data}
    response = client.post(_url(network), data)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Placement.objects.exists()


def test_a_refused_word_stays_in_the_field(network, workshop, bob, client):
    client.force_login(bob)
    response = _place(client, network, word="twee woorden", **HTMX)
    assert response.status_code == 422
    assert 'value="twee woorden"' in response.content.decode()


def test_without_a_running_workshop_nothing_is_placed(network, alice, bob, client):
    client.force_login(bob)
    response = _place(client, network)
    assert response.status_code == 409
    assert "Er loopt geen workshop" in response.content.decode()
    assert not IdentityMap.objects.exists()


def test_a_guest_of_the_workshop_places_too(network, workshop, join_link, client, published):
    guest = User.objects.create_guest("Gijs")
    join_link.admit(guest)
    client.force_login(guest)
    assert _place(client, network).status_code == 302
    assert Placement.objects.get().author == guest


def test_strangers_see_nothing(network, workshop, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404
    assert _place(client, network).status_code == 404


def test_the_page_shows_every_word_and_marks_ones_own(network, workshop, alice, bob, client):
    identity_map = IdentityMap.for_workshop(workshop)
    identity_map.place(alice, "opgave", "Kansen", 20, 30)
    identity_map.place(bob, "opgave", "<b>Regio</b>", 70, 40)
    client.force_login(bob)
    html = client.get(_url(network)).content.decode()
    assert "Kansen" in html
    assert "&lt;b&gt;Regio&lt;/b&gt;" in html and "<b>Regio</b>" not in html
    assert html.count('class="idmap-dot mine"') == 1
    assert "Jouw woord: <strong>&lt;b&gt;Regio&lt;/b&gt;</strong>" in html
    assert "Maak notitie" not in html  # only the facilitator makes notes


def test_the_map_fragment_is_what_live_refreshes(network, workshop, alice, bob, client):
    IdentityMap.for_workshop(workshop).place(alice, "passie", "Energie", 20, 30)
    client.force_login(bob)
    response = client.get(_url(network, "kaart/"), headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-live-key="identity-map"' in html and "<html" not in html
    assert "Energie" in html
    plain = client.get(_url(network, "kaart/"))
    assert plain.status_code == 302


def test_the_projector_shows_the_map_live_without_controls(network, workshop, alice, client):
    IdentityMap.for_workshop(workshop).place(alice, "passie", "Energie", 20, 30)
    client.force_login(alice)
    html = client.get(_url(network, "presentatie/")).content.decode()
    assert "sse-connect" in html and "Energie" in html
    assert "Maak notitie" not in html and "data-place-form" not in html
    assert 'class="idmap-dot mine"' not in html
    part = client.get(_url(network, "kaart/") + "?projector=1", headers=HTMX).content.decode()
    assert "Maak notitie" not in part and "?projector=1" in part


def test_the_facilitator_turns_a_word_into_an_identity_note(
    network, workshop, alice, bob, client, published
):
    IdentityMap.for_workshop(workshop).place(bob, "opgave", "Kansengelijkheid", 20, 30)
    client.force_login(alice)
    assert "Maak notitie" in client.get(_url(network)).content.decode()
    data = {"part": "opgave", "word": "Kansengelijkheid", "prompt": "position"}
    response = client.post(_url(network, "notitie/"), data, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“Kansengelijkheid” is een notitie bij Verbinding op positie." in html
    note = Note.objects.get(text="Kansengelijkheid")
    assert (note.block, note.prompt, note.author) == ("identity", "position", alice)
    assert published == [("identity-map", "prompt-position")]
    again = client.post(_url(network, "notitie/"), data, headers=HTMX)
    assert "staat al als notitie" in again.content.decode()
    assert Note.objects.filter(text="Kansengelijkheid").count() == 1


def test_a_word_not_on_the_map_makes_no_note(network, workshop, alice, bob, client):
    IdentityMap.for_workshop(workshop).place(bob, "opgave", "Kansen", 20, 30)
    client.force_login(alice)
    for data in (
        {"part": "passie", "word": "Kansen", "prompt": "passion"},
        {"part": "opgave", "word": "Kansen", "prompt": "rules"},
        {"part": "opgave", "word": "Anders", "prompt": "position"},
    ):
        response = client.post(_url(network, "notitie/"), data, headers=HTMX)
        assert response.status_code == 422
    assert not Note.objects.filter(text="Kansen").exists()


def test_only_the_facilitator_makes_notes(network, workshop, cora, bob, client):
    IdentityMap.for_workshop(workshop).place(bob, "opgave", "Kansen", 20, 30)
    data = {"part": "opgave", "word": "Kansen", "prompt": "position"}
    for person in (bob, cora):
        client.force_login(person)
        assert client.post(_url(network, "notitie/"), data).status_code == 403
    assert not Note.objects.filter(text="Kansen").exists()


def test_after_the_workshop_the_map_is_read_only(network, workshop, alice, bob, client):
    IdentityMap.for_workshop(workshop).place(bob, "positie", "Regio", 20, 30)
    workshop.end(alice)
    client.force_login(bob)
    html = client.get(_url(network)).content.decode()
    assert "Regio" in html and "data-place-form" not in html
    assert "dit is de kaart van de laatste workshop" in html


def test_a_workshops_map_prints_on_a4_or_a3(network, workshop, alice, bob, client):
    IdentityMap.for_workshop(workshop).place(bob, "positie", "Regio", 20, 30)
    client.force_login(bob)
    url = f"/n/{network.slug}/workshops/{workshop.pk}/identiteitskaart/"
    html = client.get(url).content.decode()
    assert "paper-A4" in html and "Regio" in html and "Kaats" in html
    assert "paper-A3" in client.get(url + "?formaat=A3").content.decode()
    assert "paper-A4" in client.get(url + "?formaat=A0").content.decode()
    assert client.get(f"/n/{network.slug}/workshops/999999/identiteitskaart/").status_code == 404


def test_the_page_costs_the_same_queries_for_many_words(
    network, workshop, alice, bob, client, django_assert_max_num_queries
):
    identity_map = IdentityMap.for_workshop(workshop)
    identity_map.place(bob, "passie", "Een", 1, 1)
    client.force_login(alice)
    with django_assert_max_num_queries(12) as few:
        client.get(_url(network))
    for i in range(30):
        guest = User.objects.create_guest(f"Gast {i}")
        identity_map.place(guest, ("passie", "opgave", "positie")[i % 3], f"woord{i}", i, i)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(_url(network))


def test_the_board_links_to_the_map_while_the_step_is_identity(network, workshop, bob, client):
    client.force_login(bob)
    link = f'href="{_url(network)}"'
    workshop.go_to("rules")
    board = client.get(f"/n/{network.slug}/").content.decode()
    assert "Naar de identiteitskaart" not in board
    workshop.go_to("identity", "passion")
    assert "Naar de identiteitskaart" in client.get(f"/n/{network.slug}/").content.decode()
    assert link in client.get(f"/n/{network.slug}/workshops/").content.decode()


def test_past_workshops_link_to_their_printed_map(network, workshop, alice, bob, client):
    IdentityMap.for_workshop(workshop).place(bob, "positie", "Regio", 20, 30)
    workshop.end(alice)
    without = Workshop.start(network, alice, "Zonder kaart")
    without.end(alice)
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/workshops/").content.decode()
    assert f"/workshops/{workshop.pk}/identiteitskaart/" in page
    assert f"/workshops/{without.pk}/identiteitskaart/" not in page
