"""Read-only links for the achterban: secret, revocable, expiring; no hidden notes, no
controls, no people's names unless chosen; never indexed."""

from datetime import timedelta

import pytest
from django.utils import timezone

from canvas.models import Note
from canvas.prompts import PROMPTS
from canvas.sharing.models import ShareLink
from coalitions.models import Coalition

SECRET = "Nog geheim tijdens stil schrijven"


@pytest.fixture
def coalition(network):
    return Coalition.objects.get(network=network, name="Zij-instroom Rivierenland")


@pytest.fixture
def written(network, alice, bob, coalition):
    """Bob wrote a note and takes part in the coalition; Alice leads it; a hidden note waits."""
    Note.add(network, PROMPTS["passion"], "Samen sterker", bob)
    Note.add(network, PROMPTS["passion"], SECRET, alice, hidden=True)
    coalition.take_part(alice, "trekker")
    coalition.take_part(bob, "lid")
    return coalition


def _link(network, alice, **kwargs):
    return ShareLink.create_for(network, alice, timedelta(days=7), **kwargs)


def _open(client, link):
    return client.get(f"/lezen/{link.token}/")


def _main(response):
    """Return the page's <main>: the site's header and footer (sign-in, language) aside."""
    return response.content.decode().split('<main id="main">', 1)[1].split("</main>", 1)[0]


def test_anyone_with_the_link_reads_the_canvas(network, alice, written, client):
    response = _open(client, _link(network, alice))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Samen sterker" in body
    assert "Zij-instroom Rivierenland" in body
    assert "Hogeschool Rivierenland" in body  # organisations are shown


def test_it_is_never_indexed(network, alice, client):
    response = _open(client, _link(network, alice))
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"  # the token stays out of others' logs


def test_no_hidden_note_and_no_control(network, alice, written, client):
    response = _open(client, _link(network, alice, show_names=True))
    assert SECRET not in response.content.decode()
    body = _main(response)
    assert "Samen sterker" in body
    for control in ("<form", "csrfmiddlewaretoken", "/bewerken/", "hx-post", "sse-connect"):
        assert control not in body, control


def test_no_names_unless_chosen(network, alice, written, client):
    body = _main(_open(client, _link(network, alice)))
    assert "Samen sterker" in body
    for name in ("Bob", "Alice", "Marieke"):  # Marieke wrote a note of the example
        assert name not in body, name
    assert "Zonder namen van mensen." in body
    with_names = _main(_open(client, _link(network, alice, show_names=True)))
    assert "Bob" in with_names and "Alice" in with_names and "Marieke" in with_names


def test_a_link_to_one_coalition_shows_that_coalition_only(network, alice, written, client):
    response = _open(client, _link(network, alice, coalition=written))
    assert response.status_code == 200
    body = _main(response)
    assert "Coalitie “Zij-instroom Rivierenland”" in body
    assert "Samen zij-instromers opleiden" in body  # its ambition
    assert "Startersnetwerk" not in body and "Samen sterker" not in body
    assert "Bob" not in body and "Alice" not in body
    named = _main(_open(client, _link(network, alice, coalition=written, show_names=True)))
    assert "Bob" in named and "Alice" in named


@pytest.mark.parametrize("how", ["revoked", "expired"])
def test_a_lapsed_link_says_so_with_a_410_and_no_canvas(how, network, alice, written, client):
    link = _link(network, alice)
    if how == "revoked":
        link.revoke()
    else:
        ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(1))
    response = _open(client, link)
    assert response.status_code == 410
    body = response.content.decode()
    assert "Deze link werkt niet meer" in body
    assert "Samen sterker" not in body and "Zij-instroom" not in body
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_link_to_a_deleted_coalition_shows_nothing(network, alice, written, client):
    link = _link(network, alice, coalition=written)
    written.soft_delete(by=alice)
    assert _open(client, link).status_code == 410


def test_an_unknown_token_is_a_404(db, client):
    assert client.get("/lezen/bestaat-niet/").status_code == 404


def test_a_coordinator_makes_a_link_and_revokes_it(network, cora, coalition, client):
    client.force_login(cora)
    response = client.post(
        f"/n/{network.slug}/leeslinks/",
        {"coalitie": coalition.pk, "label": "Bestuur", "valid_for": "90d", "show_names": "on"},
    )
    assert response.status_code == 302
    link = ShareLink.objects.get()
    assert (link.coalition, link.label, link.show_names) == (coalition, "Bestuur", True)
    assert timedelta(days=89) < link.expires_at - timezone.now() <= timedelta(days=90)
    page = client.get(f"/n/{network.slug}/leeslinks/").content.decode()
    assert f"http://127.0.0.1:8000/lezen/{link.token}/" in page
    response = client.post(f"/n/{network.slug}/leeslinks/{link.pk}/intrekken/")
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert _open(client, link).status_code == 410


def test_bad_input_is_refused_next_to_the_field(network, alice, client):
    client.force_login(alice)
    response = client.post(
        f"/n/{network.slug}/leeslinks/",
        {"valid_for": "1y", "coalitie": "999999", "label": "x" * 201},
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Kies een week, 30 dagen of drie maanden." in body
    assert "Deze coalitie bestaat niet (meer)." in body
    assert "Hoogstens 200 tekens (nu 201)." in body
    assert not ShareLink.objects.exists()


def test_members_cannot_make_links(network, bob, client):
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/leeslinks/").status_code == 403
    assert client.post(f"/n/{network.slug}/leeslinks/", {"valid_for": "7d"}).status_code == 403
    assert not ShareLink.objects.exists()


def test_another_networks_link_cannot_be_revoked_from_here(network, alice, client, db):
    from canvas.records.interchange import import_network
    from tests.conftest import example_document

    other = import_network(example_document())
    link = _link(other, alice)
    client.force_login(alice)
    assert client.post(f"/n/{network.slug}/leeslinks/{link.pk}/intrekken/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_the_shared_page_costs_a_fixed_number_of_queries(
    network, alice, written, client, django_assert_max_num_queries
):
    for show_names in (False, True):
        link = _link(network, alice, show_names=show_names)
        with django_assert_max_num_queries(9):  # 5-8 measured (the clusters: one)
            assert _open(client, link).status_code == 200


def test_the_links_page_costs_the_same_for_one_link_or_many(
    network, alice, coalition, client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    _link(network, alice)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/n/{network.slug}/leeslinks/")
    for _n in range(5):
        _link(network, alice, coalition=coalition).revoke()
    with django_assert_num_queries(len(one)):
        assert client.get(f"/n/{network.slug}/leeslinks/").status_code == 200
