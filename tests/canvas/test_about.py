"""The page about the Netwerk Canvas: public, linked from every page's footer and home."""

from canvas.prompts import BLOCKS


def test_anyone_reads_the_five_blocks_the_four_paradoxes_and_the_authors(client, db):
    response = client.get("/over/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Over het Netwerk Canvas</h1>" in page
    for block in BLOCKS.values():
        assert f"<h3>{block.title}</h3>" in page
        assert str(block.question) in page
    for paradox in (
        "Verbinden op inhoud – verbinden op relatie",
        "Alles samen – werken in coalities",
        "Loslaten – organiseren",
        "Strak sturen – kanaliseren van goede initiatieven",
    ):
        assert f"<dt>{paradox}</dt>" in page
    assert "Kaats, Opheij, Willems en Van Wendel de Joode" in page
    assert "Management Executive, 2015" in page


def test_the_footer_and_the_home_page_link_to_it(client, alice):
    assert 'href="/over/"' in client.get("/").content.decode()
    client.force_login(alice)
    home = client.get("/").content.decode()
    assert home.count('href="/over/"') == 2  # under "Mijn netwerken" and in the footer
