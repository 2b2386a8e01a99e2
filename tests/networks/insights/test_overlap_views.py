"""The overlap pages: across one's networks, and for one network."""

import pytest
from pypdf import PdfReader

from canvas.tools.bench_overlap import build
from networks.models import Membership
from tests.networks.insights.data import join, make_network, make_region

SECRET = "Regionaal overleg kansengelijkheid"  # a network alice is not a member of


@pytest.fixture
def region(network, alice):
    return make_region(network, alice)


def test_the_overview_shows_my_networks_with_their_figures(client, alice, region):
    client.force_login(alice)
    response = client.get("/overlap/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Onderwijsregio Rivierenland" in page
    assert "Samen Opleiden Gelderland-Zuid" in page
    # The example network: 23 of its 28 pairs meet elsewhere, in 5 other networks.
    assert "82%" in page
    assert "23 van 28 duo's" in page
    assert "sterke overlap" in page
    assert "<svg" in page  # the picture
    assert 'class="heatmap"' in page


def test_the_overview_names_no_network_i_cannot_see(client, alice, region):
    client.force_login(alice)
    pages = [
        client.get("/overlap/").content.decode(),
        client.get("/overlap/export.csv?tabel=netwerken").content.decode("utf-8-sig"),
        client.get("/overlap/export.csv?tabel=paren").content.decode("utf-8-sig"),
        client.get("/overlap/export.csv?tabel=actoren").content.decode("utf-8-sig"),
    ]
    for page in pages:
        assert SECRET not in page
        assert "Bestuurlijk overleg vo" not in page
    # ...but counts them: the example network shares actors with 2 networks alice can't see.
    assert "en 2 andere netwerken" in pages[0]


def test_the_overview_pdf_names_no_hidden_network(client, alice, region):
    client.force_login(alice)
    response = client.get("/overlap/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(_bytes(response)).pages)
    assert "Onderwijsregio Rivierenland" in text
    assert SECRET not in text


def _bytes(response):
    import io

    return io.BytesIO(response.content)


def test_an_unknown_export_format_is_not_found(client, alice, region):
    client.force_login(alice)
    assert client.get("/overlap/export.xlsx").status_code == 404
    assert client.get("/overlap/export.csv?tabel=iets").status_code == 404


def test_the_actor_csv_counts_hidden_networks_only_in_total(client, alice, region):
    client.force_login(alice)
    rows = client.get("/overlap/export.csv?tabel=actoren").content.decode("utf-8-sig").splitlines()
    header = rows[0].split(";")
    assert header[-2:] == ["netwerken in totaal", "waarvan niet zichtbaar voor jou"]
    linge = next(row.split(";") for row in rows if row.startswith("Stichting Primair"))
    # De Linge is in 4 networks: 3 alice can see, 1 she cannot.
    assert linge[-2:] == ["4", "1"]


def test_a_person_with_one_network_is_told_there_is_little_to_compare(client, bob):
    client.force_login(bob)
    page = client.get("/overlap/").content.decode()
    assert "Onderwijsregio Rivierenland" in page
    assert 'class="heatmap"' not in page
    assert "Geen enkele actor zit in meer dan één van je netwerken." in page


def test_coordinators_of_several_networks_may_look_at_only_those(client, network, alice, region):
    join(alice, make_network("Netwerk waar ik alleen lid ben", ["Gemeente Tiel"]))
    client.force_login(alice)
    page = client.get("/overlap/").content.decode()
    assert "Je begeleidt of coördineert 5 netwerken" in page
    assert "Netwerk waar ik alleen lid ben" in page
    page = client.get("/overlap/?netwerken=regie").content.decode()
    assert "Netwerk waar ik alleen lid ben" not in page
    assert "Samen Opleiden Gelderland-Zuid" in page


def test_the_actor_table_pages_by_htmx(client, db):
    user = build(networks=6, actors=150, most=3, prefix="klein")
    client.force_login(user)
    full = client.get("/overlap/").content.decode()
    assert "Pagina 1 van" in full
    response = client.get("/overlap/?pagina=2", headers={"HX-Request": "true"})
    fragment = response.content.decode()
    assert fragment.lstrip().startswith('<section id="actor-table"')
    assert "Pagina 2 van" in fragment
    assert "<html" not in fragment
    assert "HX-Request" in response["Vary"]


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get("/overlap/").status_code == 302


@pytest.mark.parametrize(("networks", "actors"), [(3, 20), (25, 300)])
def test_the_overview_takes_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries, networks, actors
):
    user = build(networks=networks, actors=actors, most=5, prefix=f"q{networks}")
    client.force_login(user)
    with django_assert_max_num_queries(6):
        assert client.get("/overlap/").status_code == 200


# One network


def test_a_member_sees_the_setting_with_its_figures(client, network, bob, region):
    client.force_login(bob)
    response = client.get(f"/n/{network.slug}/overlap/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sterke overlap" in page
    assert "82%" in page
    assert "23 tweetallen" not in page and "zitten er 23 samen ook in een ander netwerk" in page
    assert "Overweeg dakpan- of estafettevergaderingen" in page


def test_a_member_sees_no_names_of_networks_they_are_not_in(client, network, bob, region):
    # bob is only in the example network: every other network is a count.
    client.force_login(bob)
    page = client.get(f"/n/{network.slug}/overlap/").content.decode()
    for name in ["Samen Opleiden Gelderland-Zuid", "Leernetwerk starterscoaches", SECRET]:
        assert name not in page
    assert "6 andere netwerken" in page
    # No dakpan candidates can be named to him.
    assert "Kandidaten voor een dakpan" not in page


def test_the_coordinator_sees_the_networks_she_is_in_by_name(client, network, alice, region):
    client.force_login(alice)
    page = client.get(f"/n/{network.slug}/overlap/").content.decode()
    assert "Samen Opleiden Gelderland-Zuid" in page
    assert "Kandidaten voor een dakpan" in page
    assert SECRET not in page
    assert "2 netwerken die je niet kunt zien" in page


def test_a_network_without_shared_actors_says_so(client, charlie):
    alone = make_network("Eenzaam netwerk", ["Uniek bestuur A", "Uniek bestuur B"])
    join(charlie, alone)
    client.force_login(charlie)
    page = client.get(f"/n/{alone.slug}/overlap/").content.decode()
    assert "Weinig overlap" in page
    assert "Geen van de actoren van dit netwerk zit in een ander netwerk." in page


def test_a_stranger_cannot_tell_the_network_exists(client, network, charlie):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/overlap/").status_code == 404


@pytest.mark.parametrize(("networks", "actors"), [(3, 20), (25, 300)])
def test_one_network_takes_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries, networks, actors
):
    user = build(networks=networks, actors=actors, most=5, prefix=f"n{networks}")
    slug = Membership.objects.filter(user=user).first().network.slug
    client.force_login(user)
    with django_assert_max_num_queries(8):
        assert client.get(f"/n/{slug}/overlap/").status_code == 200
