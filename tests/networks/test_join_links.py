import re

from networks.models import CODE_ALPHABET, JoinLink, Network


def _base(network):
    return f"/n/{network.slug}/deelnamecodes/"


def test_a_facilitator_makes_a_code_and_sees_it_large(network, alice, client, settings):
    settings.SITE_URL = "https://canvas.example.org"
    client.force_login(alice)
    response = client.post(_base(network) + "nieuw/", {"valid_for": "4h"})
    link = JoinLink.objects.get()
    assert response.status_code == 302
    assert response.url == f"{_base(network)}{link.pk}/"
    assert link.network == network and link.created_by == alice and link.is_valid
    page = client.get(response.url).content.decode()
    assert link.display_code in page
    assert f"https://canvas.example.org/doe-mee/{link.token}/" in page
    assert 'class="projector"' in page


def test_the_big_code_is_read_out_sign_by_sign(network, alice, join_link, client):
    """A screen reader reads "K7P-4QX" as a word; the code screen spells it for one (and
    keeps the big letters, which would be read as that word, out of its way)."""
    client.force_login(alice)
    page = client.get(f"{_base(network)}{join_link.pk}/").content.decode()
    spelled = " ".join(join_link.display_code)
    assert f'<span class="visually-hidden">Code {spelled}</span>' in page
    big = re.search(r'<p class="projector-big"[^>]*>(.*?)</p>', page, re.S)
    assert big and 'aria-hidden="true"' in big.group(0)
    assert join_link.display_code in big.group(1)


def test_codes_are_short_and_unambiguous(network, alice):
    from datetime import timedelta

    codes = [JoinLink.create_for(network, alice, timedelta(hours=1)) for _ in range(20)]
    for link in codes:
        assert re.fullmatch(f"[{CODE_ALPHABET}]{{3}}-[{CODE_ALPHABET}]{{3}}", link.display_code)
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
    assert len({link.token for link in codes}) == 20


def test_the_list_shows_valid_and_spent_codes(network, alice, join_link, client):
    client.force_login(alice)
    join_link.revoke()
    body = client.get(_base(network)).content.decode()
    assert join_link.display_code in body
    assert "ingetrokken" in body


def test_an_unknown_validity_is_refused(network, alice, client):
    client.force_login(alice)
    response = client.post(_base(network) + "nieuw/", {"valid_for": "forever"})
    assert response.status_code == 422
    assert not JoinLink.objects.exists()


def test_a_facilitator_revokes_a_code(network, alice, join_link, client):
    client.force_login(alice)
    response = client.post(f"{_base(network)}{join_link.pk}/intrekken/")
    assert response.status_code == 302
    join_link.refresh_from_db()
    assert not join_link.is_valid


def test_revoking_by_htmx_returns_the_list_only(network, alice, join_link, client):
    client.force_login(alice)
    response = client.post(
        f"{_base(network)}{join_link.pk}/intrekken/", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="links"')
    assert "<html" not in body


def test_coordinators_and_members_may_not(network, cora, bob, join_link, client):
    for person in (cora, bob):
        client.force_login(person)
        assert client.get(_base(network)).status_code == 403
        assert client.post(_base(network) + "nieuw/", {"valid_for": "4h"}).status_code == 403
        assert client.post(f"{_base(network)}{join_link.pk}/intrekken/").status_code == 403
    assert JoinLink.objects.count() == 1 and JoinLink.objects.get().is_valid


def test_strangers_cannot_tell_it_exists(network, charlie, join_link, client):
    client.force_login(charlie)
    assert client.get(_base(network)).status_code == 404
    assert client.get(f"{_base(network)}{join_link.pk}/").status_code == 404


def test_a_link_of_another_network_is_not_found(network, alice, client):
    from datetime import timedelta

    other = Network.objects.create(name="Ander", slug="ander")
    foreign = JoinLink.create_for(other, None, timedelta(hours=1))
    client.force_login(alice)
    assert client.get(f"{_base(network)}{foreign.pk}/").status_code == 404
    assert client.post(f"{_base(network)}{foreign.pk}/intrekken/").status_code == 404
    foreign.refresh_from_db()
    assert foreign.is_valid
