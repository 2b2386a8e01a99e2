import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from canvas.records import poster
from canvas.records.interchange import export_network, fingerprint
from canvas.records.models import CanvasVersion
from canvas.tools.bench_poster import dense_document
from tests.canvas.records.posters import (
    compact,
    font_names,
    missing_texts,
    page_sizes_mm,
    reader,
    squash,
    text_of,
)
from tests.conftest import example_document

WHEN = timezone.make_aware(dt.datetime(2026, 3, 14, 10, 0))
SHIPPED = {"Source-Sans-3", "Noto-Emoji", "Noto-Sans-Symbols-2", "Noto-Sans-Math"}
SPECIAL = "Één ideeën: coördinatie, naïef, ’s middags, “samen” — Łódź 🙂 🚀 ✅ ✓ → ★"


@pytest.fixture(autouse=True)
def _dutch():
    with translation.override("nl"):
        yield


def _families(pdf):
    """Return the families of the embedded fonts ("Source-Sans-3-Semi-Bold" is Source-Sans-3)."""
    return {
        next((family for family in SHIPPED if name.startswith(family)), name)
        for name in font_names(pdf)
    }


@pytest.mark.parametrize("size", ["A3", "A2", "A1", "A0"])
def test_each_size_is_one_landscape_page_of_that_paper(size):
    pdf, _passes = poster.render_poster(example_document(), size, when=WHEN)
    assert page_sizes_mm(pdf) == [poster.SIZES[size]]
    width, height = poster.SIZES[size]
    assert width > height


def test_the_poster_shows_every_text_of_the_network_with_its_header_and_footer():
    document = example_document()
    pdf, _passes = poster.render_poster(document, "A1", label="Workshop 2 — 14 maart", when=WHEN)
    assert missing_texts(document, pdf) == []
    text = text_of(pdf)
    for expected in (
        "Onderwijsregio Rivierenland",
        "Workshop 2 — 14 maart",
        "14 maart 2026",
        "Wat verbindt ons?",
        "Verbinding op passie",
        "Kaats, Opheij, Willems, Van Wendel de Joode (Common Eye, 2015)",
        "Netwerkcanvas",
        "Marieke (De Linge)",
        "4 stemmen",
        "afgesproken",
        "Hogeschool Rivierenland, lerarenopleidingen",  # a core partner on a coalition card
    ):
        assert expected in text


def test_the_date_stays_on_one_line():
    """A one-digit day broke off its month: "6" above "december 2026"."""
    when = timezone.make_aware(dt.datetime(2026, 12, 6, 10, 0))
    pdf, _passes = poster.render_poster(example_document(), "A1", label="Workshop 1", when=when)
    lines = reader(pdf).pages[0].extract_text().splitlines()
    assert any("6 december 2026" in line for line in lines), [
        line for line in lines if "2026" in line
    ]


def test_in_english_the_network_type_is_english():
    document = example_document()
    assert document["network"]["network_type"] == "organisatienetwerk"
    with translation.override("en"):
        pdf, _passes = poster.render_poster(document, "A3", when=WHEN)
    kicker = reader(pdf).pages[0].extract_text().splitlines()[0]
    assert "ORGANISATION NETWORK" in kicker.upper() and "ORGANISATIE" not in kicker.upper()


def test_special_characters_survive_in_the_shipped_fonts_only():
    document = example_document()
    document["identity"]["passion"].append(SPECIAL)
    document["coalitions"][0]["name"] = "Coalitie “Één” 🚀"
    pdf, _passes = poster.render_poster(document, "A2", when=WHEN)
    text = text_of(pdf)
    assert SPECIAL in text
    assert "Coalitie “Één” 🚀" in text
    # Every glyph came from a font we ship: no system font (DejaVu) filled a gap.
    assert _families(pdf) <= SHIPPED
    assert {"Source-Sans-3", "Noto-Emoji", "Noto-Sans-Symbols-2"} <= _families(pdf)


def test_a_dense_canvas_shrinks_then_continues_on_pages_that_say_where():
    document = dense_document(notes=400)
    fitted = poster.fit_poster(document, "A3", when=WHEN)
    assert fitted.fits
    assert all(
        region.fs >= poster.Format("A3", 420, 297).min_fs for region in fitted.regions.values()
    )
    continued = [region for region in fitted.regions.values() if region.cut is not None]
    assert continued
    assert all(region.continues_on and region.continues_on >= 2 for region in continued)
    pdf = fitted.pdf()
    pages = reader(pdf).pages
    assert len(pages) >= 2
    assert set(page_sizes_mm(pdf)) == {(420, 297)}
    first = squash(pages[0].extract_text())
    assert "verder op pagina 2" in first
    assert "vervolg van pagina 1" in squash(pages[1].extract_text())
    assert missing_texts(document, pdf) == []


def test_an_empty_canvas_prints_its_questions():
    document = {"format": "netwerkcanvas/1", "network": {"name": "Leeg netwerk"}}
    pdf, passes = poster.render_poster(document, "A3", when=WHEN)
    text = text_of(pdf)
    assert passes == 1
    assert "Welke gedeelde opgave hebben we?" in text
    assert "Nog geen coalities." in text


def test_an_unchanged_canvas_is_rendered_once(monkeypatch, network):
    calls = []
    render = poster.render_poster
    monkeypatch.setattr(
        poster, "render_poster", lambda *a, **k: calls.append(a[1:]) or render(*a, **k)
    )
    now = poster.Source(network=network)
    first = poster.poster_pdf(now, "A3", when=WHEN)
    again = poster.poster_pdf(poster.Source(network=network), "A3", when=WHEN)
    assert again == first
    assert len(calls) == 1
    poster.poster_pdf(poster.Source(network=network), "A2", when=WHEN)
    assert len(calls) == 2
    # A saved document of the same canvas is keyed by its own content.
    poster.poster_pdf(poster.Source(document=export_network(network)), "A3", when=WHEN)
    poster.poster_pdf(poster.Source(document=export_network(network)), "A3", when=WHEN)
    assert len(calls) == 3


def _rename(network, name):
    network.name = name
    network.save()


@pytest.mark.parametrize(
    "change",
    [
        lambda network: network.notes.filter(prompt="passion").update(text="Gewijzigd"),
        lambda network: network.notes.filter(prompt="style").first().delete(),
        lambda network: network.coalitions.first().core_partners.clear(),
        lambda network: (
            network.network_actors.first()
            .actor.__class__.objects.filter(pk=network.network_actors.first().actor_id)
            .update(name="Nieuwe naam")
        ),
        lambda network: network.ambitions.update(description="Anders"),
        lambda network: _rename(network, "Nieuwe regio"),
    ],
    ids=["note-text", "note-deleted", "core-partners", "actor-name", "ambition", "name"],
)
def test_every_change_of_the_canvas_changes_its_fingerprint(network, change):
    before = fingerprint(network)
    document = export_network(network)
    change(network)
    assert export_network(network) != document
    assert fingerprint(network) != before


def test_coalition_sheets_are_one_a4_page_per_coalition():
    document = example_document()
    pdf = poster.render_sheets(document, label="Workshop 2", when=WHEN)
    pages = reader(pdf).pages
    assert page_sizes_mm(pdf) == [(210, 297)] * len(document["coalitions"])
    for page, coalition in zip(pages, document["coalitions"], strict=True):
        text = squash(page.extract_text())
        assert coalition["name"] in text
        assert coalition["target_group"] in text
        for key in coalition["core_partners"]:
            name = next(a["name"] for a in document["actors"] if a["key"] == key)
            assert name in text
        ambition = next(a for a in document["ambitions"] if a["key"] == coalition["ambition"])
        assert ambition["title"] in text
        assert "Workshop 2" in text


def test_a_long_coalition_still_gets_one_page():
    document = example_document()
    document["ambitions"][0]["description"] = "Een lange toelichting met veel woorden. " * 120
    document["coalitions"][0]["core_partners"] = [a["key"] for a in document["actors"]]
    pdf = poster.render_sheets(document, only=document["coalitions"][0]["name"], when=WHEN)
    assert page_sizes_mm(pdf) == [(210, 297)]
    assert compact(document["ambitions"][0]["description"]) in compact(text_of(pdf))
    assert "Techniekpact Rivierenland" in text_of(pdf)


def test_sheets_for_one_coalition_or_a_network_without_any():
    document = example_document()
    pdf = poster.render_sheets(document, only="Techniekdag", when=WHEN)
    assert len(reader(pdf).pages) == 1
    assert "Techniekdag" in text_of(pdf)
    document["coalitions"] = []
    pdf = poster.render_sheets(document, when=WHEN)
    assert "nog geen coalities" in text_of(pdf)


# The command


def test_the_command_writes_a_poster_of_the_chosen_size(network, tmp_path, capsys):
    target = tmp_path / "poster.pdf"
    call_command("poster", network.slug, "--size", "A2", "-o", str(target))
    assert page_sizes_mm(target.read_bytes()) == [(594, 420)]
    assert str(target) in capsys.readouterr().out


def test_the_command_defaults_to_a1_in_the_current_directory(network, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("poster", network.slug)
    assert page_sizes_mm((tmp_path / f"{network.slug}-A1.pdf").read_bytes()) == [(841, 594)]


def test_the_command_writes_coalition_sheets(network, tmp_path):
    target = tmp_path / "sheets.pdf"
    call_command("poster", network.slug, "--coalitions", "-o", str(target))
    assert page_sizes_mm(target.read_bytes()) == [(210, 297)] * 3
    one = network.coalitions.get(name="Techniekdag")
    call_command("poster", network.slug, "--coalition", str(one.pk), "-o", str(target))
    assert len(reader(target.read_bytes()).pages) == 1
    assert "Techniekdag" in text_of(target.read_bytes())


def test_the_command_prints_a_saved_version(network, alice, tmp_path):
    version = CanvasVersion.save_current(network, alice, "Workshop 1")
    network.notes.filter(prompt="passion").update(text="Nieuwe passie")
    target = tmp_path / "v.pdf"
    call_command("poster", network.slug, "--saved-version", str(version.pk), "-o", str(target))
    text = text_of(target.read_bytes())
    assert "Workshop 1" in text
    assert "Trots op het vak van leraar" in text
    assert "Nieuwe passie" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bestaat-niet"], "Geen netwerk"),
        (["{slug}", "--coalition", "999999"], "Geen coalitie"),
        (["{slug}", "--saved-version", "999999"], "Geen versie"),
    ],
)
def test_the_command_refuses_unknown_things(network, tmp_path, args, message):
    args = [arg.format(slug=network.slug) for arg in args]
    with pytest.raises(CommandError, match=message):
        call_command("poster", *args, "-o", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_the_command_rejects_an_unknown_size(network):
    with pytest.raises(CommandError):
        call_command("poster", network.slug, "--size", "A5")
