"""Helpers for the poster tests: read back what a PDF says."""

import io
import re

from pypdf import PdfReader

MM = 72 / 25.4  # points per mm


def reader(pdf):
    return PdfReader(io.BytesIO(pdf))


def page_sizes_mm(pdf):
    """Return (width, height) in whole mm of every page."""
    return [
        (round(float(page.mediabox.width) / MM), round(float(page.mediabox.height) / MM))
        for page in reader(pdf).pages
    ]


def text_of(pdf):
    """Return the text of all pages with every run of whitespace as one space."""
    return " ".join(" ".join(page.extract_text() for page in reader(pdf).pages).split())


def squash(text):
    return " ".join(text.split())


def compact(text):
    """Return the text without any whitespace: a line may break after "zij-" in "zij-instromers"."""
    return "".join(text.split())


def missing_texts(document, pdf):
    """Return the texts of the document that the PDF does not show."""
    shown = compact(text_of(pdf))
    return [text for text in document_texts(document) if compact(text) not in shown]


def font_names(pdf):
    """Return the names of the fonts the PDF embeds, without their subset prefix."""
    names = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            names.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object()["/BaseFont"]).lstrip("/")))
    return names


def document_texts(document):
    """Return every text of a document that a poster must show."""
    texts = []
    for block in ("identity", "rules", "organisation", "leadership"):
        for notes in document.get(block, {}).values():
            texts += [note if isinstance(note, str) else note["text"] for note in notes]
    texts += [ambition["title"] for ambition in document.get("ambitions", [])]
    texts += [a["description"] for a in document.get("ambitions", []) if a.get("description")]
    texts += [coalition["name"] for coalition in document.get("coalitions", [])]
    return texts
