from canvas.records.models import CanvasVersion
from tests.canvas.records.posters import page_sizes_mm, reader, text_of
from tests.conftest import example_document

HTMX = {"HX-Request": "true"}


def _url(network, what):
    return f"/n/{network.slug}/{what}"


def test_a_member_sees_the_print_choices(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "poster/"))
    assert response.status_code == 200
    body = response.content.decode()
    for size in ("A3", "A2", "A1", "A0"):
        assert f'value="{size}"' in body
    assert 'value="A1" checked' in body
    assert 'hx-indicator="#poster-progress"' in body
    assert "Zij-instroom Rivierenland" in body  # a coalition to print a sheet of


def test_a_stranger_cannot_tell_the_print_page_exists(network, charlie, client):
    client.force_login(charlie)
    assert client.get(_url(network, "poster/")).status_code == 404
    assert client.get(_url(network, "poster.pdf")).status_code == 404
    assert client.get(_url(network, "coalitiebladen.pdf")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(network, client):
    response = client.get(_url(network, "poster.pdf"))
    assert response.status_code == 302
    assert response.url.startswith("/account/inloggen/")


def test_a_member_downloads_the_poster_in_the_chosen_size(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "poster.pdf"), {"formaat": "A3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="onderwijsregio')
    assert page_sizes_mm(response.content) == [(420, 297)]


def test_the_poster_is_a1_unless_asked_otherwise(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "poster.pdf"))
    assert page_sizes_mm(response.content) == [(841, 594)]


def test_htmx_renders_first_and_answers_a_link_to_the_cached_pdf(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "poster.pdf"), {"formaat": "A3"}, headers=HTMX)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    body = response.content.decode()
    assert "<html" not in body
    assert "data-autodownload" in body
    assert "formaat=A3" in body
    assert "Vary" in response and "HX-Request" in response["Vary"]


def test_a_saved_version_prints_with_its_label(network, alice, bob, client):
    version = CanvasVersion.save_current(network, alice, "Workshop 1 — 14 maart")
    network.notes.filter(prompt="passion").delete()
    client.force_login(bob)
    response = client.get(_url(network, "poster.pdf"), {"formaat": "A3", "versie": version.pk})
    text = text_of(response.content)
    assert "Workshop 1 — 14 maart" in text
    assert "Trots op het vak van leraar" in text


def test_a_bad_size_or_a_foreign_version_is_refused_with_a_message(network, bob, client):
    other = CanvasVersion.objects.create(
        network=type(network).objects.create(name="Ander", slug="ander"),
        label="Niet van jou",
        document=example_document(),
    )
    client.force_login(bob)
    response = client.get(_url(network, "poster.pdf"), {"formaat": "A5"})
    assert response.status_code == 422
    assert "Kies A3, A2, A1 of A0." in response.content.decode()
    response = client.get(_url(network, "poster.pdf"), {"versie": other.pk}, headers=HTMX)
    assert response.status_code == 422
    assert "Deze versie bestaat niet (meer)." in response.content.decode()
    assert response["HX-Retarget"] == "#poster-form"


def test_a_member_downloads_the_coalition_sheets(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "coalitiebladen.pdf"))
    assert response.status_code == 200
    assert page_sizes_mm(response.content) == [(210, 297)] * 3
    coalition = network.coalitions.get(name="Techniekdag")
    response = client.get(_url(network, "coalitiebladen.pdf"), {"coalitie": coalition.pk})
    assert len(reader(response.content).pages) == 1
    assert "Techniekdag" in text_of(response.content)
    assert (
        'filename="onderwijsregio-rivierenland-techniekdag.pdf"' in response["Content-Disposition"]
    )


def test_the_sheet_of_an_unknown_coalition_is_a_404(network, bob, client):
    client.force_login(bob)
    response = client.get(_url(network, "coalitiebladen.pdf"), {"coalitie": 999999})
    assert response.status_code == 404
    assert "Deze coalitie bestaat niet (meer)." in response.content.decode()
