"""The overlap pages speak a school leader's language: no Jaccard, ontmoetingsgraad,
spreiding or tweetallen, each figure explained in words."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.networks.insights.data import make_region

JARGON = re.compile(r"jaccard|ontmoetingsgraad|spreiding|tweetal", re.IGNORECASE)


@pytest.fixture
def region(network, alice):
    return make_region(network, alice)


@pytest.mark.parametrize("path", ["/overlap/", "/n/{slug}/overlap/"])
def test_the_overlap_pages_use_no_jargon(client, network, alice, region, path):
    client.force_login(alice)
    response = client.get(path.format(slug=network.slug))
    assert response.status_code == 200
    page = response.content.decode()
    assert not JARGON.findall(page)
    assert "Ook elders samen" in page


@pytest.mark.parametrize("name", ["overlap_pdf.html", "scan_list.html", "_scan_results.html"])
def test_the_templates_of_pdfs_and_scans_use_no_jargon(name):
    text = (Path(settings.BASE_DIR) / "templates/insights" / name).read_text()
    assert not JARGON.findall(text)


def test_the_csv_names_the_figures_in_plain_words(client, network, alice, region):
    client.force_login(alice)
    response = client.get("/overlap/export.csv?tabel=netwerken")
    header = response.content.decode().splitlines()[0]
    assert "ook elders samen" in header and not JARGON.findall(header)
