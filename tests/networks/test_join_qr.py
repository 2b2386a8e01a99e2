import re

import segno

from networks.models import JoinLink


def _show(network, link):
    return f"/n/{network.slug}/deelnamecodes/{link.pk}/"


def _svg(body):
    match = re.search(r"<svg[^>]*class=\"qr-code\".*?</svg>", body, re.S)
    return match and match.group(0)


def _path(svg):
    """Return the dark modules' path: the QR code's content, as segno draws it."""
    return re.search(r'<path class="qrline"[^>]* d="([^"]+)"', svg).group(1)


def test_the_link_knows_its_address_on_the_site(join_link, settings):
    settings.SITE_URL = "https://canvas.example.org/"
    assert join_link.absolute_url() == f"https://canvas.example.org/doe-mee/{join_link.token}/"


def test_the_projector_shows_the_link_as_a_qr_code(network, alice, join_link, client, settings):
    settings.SITE_URL = "https://canvas.example.org"
    client.force_login(alice)
    response = client.get(_show(network, join_link))
    svg = _svg(response.content.decode())
    assert response.status_code == 200
    assert svg is not None
    assert f'aria-label="QR-code om mee te doen met code {join_link.display_code}"' in svg
    assert 'role="img"' in svg and "<title>" in svg
    assert "style" not in svg and "<script" not in svg
    # The very modules of the link's own address, not of anything else.
    expected = segno.make(f"https://canvas.example.org/doe-mee/{join_link.token}/", error="m")
    other = segno.make("https://canvas.example.org/code/", error="m")
    assert _path(svg) == _path(expected.svg_inline())
    assert _path(svg) != _path(other.svg_inline())


def test_the_qr_code_is_black_on_white_with_a_quiet_zone(join_link):
    svg = str(join_link.qr_svg())
    side = segno.make(join_link.absolute_url(), error="m").symbol_size(border=0)[0]
    assert f'viewBox="0 0 {side + 8} {side + 8}"' in svg
    assert 'fill="#fff"' in svg and 'stroke="#000"' in svg
    # The first dark module starts 4 modules in, on both axes.
    assert _path(svg).startswith("M4 4.5")


def test_a_revoked_code_shows_no_qr_code(network, alice, join_link, client):
    join_link.revoke()
    client.force_login(alice)
    body = client.get(_show(network, join_link)).content.decode()
    assert join_link.display_code in body
    assert "niet meer geldig" in body
    assert _svg(body) is None and "qr-code" not in body


def test_an_expired_code_shows_no_qr_code(network, alice, join_link, client):
    from django.utils import timezone

    JoinLink.objects.filter(pk=join_link.pk).update(expires_at=timezone.now())
    client.force_login(alice)
    body = client.get(_show(network, join_link)).content.decode()
    assert "qr-code" not in body


def test_only_facilitators_see_the_projector_page(network, cora, bob, charlie, join_link, client):
    for person, status in ((cora, 403), (bob, 403), (charlie, 404)):
        client.force_login(person)
        response = client.get(_show(network, join_link))
        assert response.status_code == status
        assert "qr-code" not in response.content.decode()


def test_scanning_opens_the_join_page_without_joining(join_link, network, charlie, client):
    """A scanned link is a GET: it shows the ways in, and joining stays a POST."""
    from networks.models import Membership

    before = Membership.objects.count()
    response = client.get(join_link.get_absolute_url())
    assert response.status_code == 200
    assert "Doe mee als gast" in response.content.decode()
    client.force_login(charlie)
    response = client.get(join_link.get_absolute_url())
    assert response.status_code == 200
    assert 'name="join"' in response.content.decode()
    assert Membership.objects.count() == before
    assert not network.memberships.filter(user=charlie).exists()


def test_the_presentation_bar_shows_a_small_qr_code_only_to_the_room(network, alice, bob, client):
    from canvas.workshops.models import Workshop

    workshop = Workshop.start(network, alice, "Workshop 3")
    label = f"QR-code om mee te doen met code {workshop.join_link.display_code}"
    client.force_login(bob)
    projector = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert 'class="podium-qr"' in projector and label in projector
    assert "style=" not in _svg(projector)
    live = client.get(f"/n/{network.slug}/presentatie/?deel=podium", headers={"HX-Request": "true"})
    assert label in live.content.decode()
    # Not on the participants' own board, where it would only clutter a phone.
    assert "qr-code" not in client.get(f"/n/{network.slug}/").content.decode()
    bar = client.get(f"/n/{network.slug}/workshop/", headers={"HX-Request": "true"})
    assert bar.status_code == 200 and "qr-code" not in bar.content.decode()


def test_an_ended_workshop_shows_no_qr_code(network, alice, client):
    from canvas.workshops.models import Workshop

    workshop = Workshop.start(network, alice, "Workshop 3")
    workshop.join_link.revoke()
    client.force_login(alice)
    assert "qr-code" not in client.get(f"/n/{network.slug}/presentatie/").content.decode()
