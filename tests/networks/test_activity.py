from datetime import timedelta

from django.utils import timezone

from networks.models import Activity


def _url(network):
    return f"/n/{network.slug}/activiteit/"


def _note_added(network, user, text="Trots op het vak", prompt="passion", area="identity"):
    kind = "rule.added" if area == "rules" else "note.added"
    return Activity.record(network, user, kind, area=area, subject=text, prompt=prompt)


def test_it_reads_as_dutch_sentences_with_before_and_after(network, alice, bob, client):
    _note_added(network, bob)
    Activity.record(
        network,
        bob,
        "rule.edited",
        subject="Besluiten bij meerderheid",
        before={"text": "Besluiten", "status": "voorstel"},
        after={"text": "Besluiten bij meerderheid", "status": "afgesproken"},
        prompt="decisions",
    )
    client.force_login(alice)
    response = client.get(_url(network))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Bob heeft een notitie toegevoegd bij Identiteit › Verbinding op passie" in body
    assert "<blockquote>Trots op het vak</blockquote>" in body
    assert "Bob heeft een spelregel gewijzigd bij Spelregels › Besluiten" in body
    assert "<del>voorstel</del>" in body and "<ins>afgesproken</ins>" in body
    assert "<ins>Besluiten bij meerderheid</ins>" in body


def test_user_text_is_escaped(network, alice, bob, client):
    _note_added(network, bob, text="<script>alert(1)</script>")
    client.force_login(alice)
    body = client.get(_url(network)).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


def test_it_filters_by_person_and_by_area(network, alice, bob, cora, client):
    _note_added(network, bob, text="Van Bob")
    _note_added(network, cora, text="Van Cora")
    _note_added(network, cora, text="Regel van Cora", prompt="decisions", area="rules")
    client.force_login(alice)
    body = client.get(_url(network), {"person": cora.pk}).content.decode()
    assert "Van Cora" in body and "Regel van Cora" in body and "Van Bob" not in body
    body = client.get(_url(network), {"person": cora.pk, "area": "rules"}).content.decode()
    assert "Regel van Cora" in body and "<blockquote>Van Cora" not in body


def test_an_unknown_filter_shows_everything_rather_than_failing(network, alice, bob, client):
    _note_added(network, bob, text="Van Bob")
    client.force_login(alice)
    response = client.get(_url(network), {"person": "999999", "area": "nergens"})
    assert response.status_code == 200
    assert "Van Bob" in response.content.decode()


def test_htmx_gets_the_log_only_with_real_links_for_paging(network, alice, bob, client):
    for n in range(60):
        _note_added(network, bob, text=f"Notitie {n}")
    client.force_login(alice)
    response = client.get(
        _url(network), {"area": "identity", "page": "1"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="log"')
    assert "<html" not in body
    assert 'href="?area=identity&amp;page=2"' in body
    assert "Notitie 59" in body and "Notitie 9<" not in body
    assert "Notitie 9" in client.get(_url(network), {"page": "2"}).content.decode()
    assert response.headers["Vary"].count("HX-Request") == 1


def test_the_page_takes_the_same_queries_for_a_long_log(
    network, alice, bob, client, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(8):
        client.get(_url(network))
    for n in range(120):
        _note_added(network, bob, text=f"Notitie {n}")
    with django_assert_max_num_queries(8):
        assert client.get(_url(network)).status_code == 200


def test_coordinators_see_it_members_do_not_strangers_cannot_tell(
    network, cora, bob, charlie, client
):
    client.force_login(cora)
    assert client.get(_url(network)).status_code == 200
    client.force_login(bob)
    assert client.get(_url(network)).status_code == 403
    client.force_login(charlie)
    assert client.get(_url(network)).status_code == 404


def test_the_board_logs_where_a_note_went(network, alice, bob, client):
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": "Samen sterker"})
    client.force_login(alice)
    body = client.get(_url(network)).content.decode()
    assert "Bob heeft een notitie toegevoegd bij Identiteit › Verbinding op passie" in body
    assert "<blockquote>Samen sterker</blockquote>" in body


def test_asking_to_be_kept_informed_reads_as_such(network, bob):
    entry = Activity.record(
        network, bob, "coalition.joined", subject="Zij-instroom", role="informed"
    )
    assert entry.sentence() == "Bob wordt op de hoogte gehouden van de coalitie “Zij-instroom”"
    entry = Activity.record(network, bob, "coalition.joined", subject="Zij-instroom", role="lid")
    assert entry.sentence() == "Bob doet mee in de coalitie “Zij-instroom”"


# What the log used to get wrong, each through the view that does it.


def test_starting_and_ending_a_workshop_read_as_such(network, alice, client):
    client.force_login(alice)
    client.post(f"/n/{network.slug}/workshops/", {"title": "Dag 2"})
    client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "reveal", "names": "nee"})
    client.post(f"/n/{network.slug}/workshop/sturen/", {"action": "end"})
    body = client.get(_url(network)).content.decode()
    assert "Alice heeft de workshop “Dag 2” gestart" in body
    assert "Alice heeft de verborgen notities onthuld, zonder namen" in body
    assert "Alice heeft de workshop “Dag 2” beëindigd" in body
    assert "Alice heeft de versie “Dag 2” bewaard" in body
    assert "aangemaakt" not in body and "gegevens van het netwerk" not in body
    body = client.get(_url(network), {"area": "workshops"}).content.decode()
    assert "gestart" in body and "bewaard" not in body


def test_opening_and_closing_a_scan_read_as_such(network, alice, client):
    client.force_login(alice)
    closes_on = (timezone.localdate() + timedelta(days=14)).isoformat()
    client.post(f"/n/{network.slug}/scans/", {"kind": "kenmerken", "closes_on": closes_on})
    scan = network.scans.get()
    client.post(f"/n/{network.slug}/scans/{scan.pk}/sluiten/")
    body = client.get(_url(network), {"area": "scans"}).content.decode()
    assert "Alice heeft de scan “Zeven kenmerken van een lerend netwerk” van" in body
    assert body.count("Zeven kenmerken") == 2 and "gesloten" in body
    assert "het netwerk" not in body


def test_each_commitment_level_reads_as_itself(network, alice, bob, client):
    ambition = network.ambitions.first()
    client.force_login(bob)
    url = f"/n/{network.slug}/ambities/{ambition.pk}/betrokkenheid/"
    for level in ("weten", "meebepalen", "meebepalen"):  # the same level again takes it back
        client.post(url, {"level": level})
    client.force_login(alice)
    body = client.get(_url(network)).content.decode()
    title = ambition.title
    assert f"Bob wil op de hoogte blijven van de ambitie “{title}”" in body
    assert f"Bob wil de ambitie “{title}” meebepalen en trekken" in body
    assert f"Bob heeft de keuze voor betrokkenheid bij de ambitie “{title}” ingetrokken" in body
    assert "(doet mee)" not in body


def test_the_reader_reads_it_in_their_own_language(network, alice, bob, client):
    client.force_login(bob)
    client.post(f"/n/{network.slug}/vragen/passion/nieuw/", {"text": "Samen sterker"})
    client.force_login(alice)
    client.cookies["django_language"] = "en"
    body = client.get(_url(network)).content.decode()
    assert "Bob added a note to Identity › Connection through passion" in body
    assert "heeft een notitie toegevoegd" not in body


def test_no_view_writes_the_log():
    """Model verbs (and the forms that own one) record their own activity (`by=`)."""
    from pathlib import Path

    from django.conf import settings

    writers = [
        str(path.relative_to(settings.BASE_DIR))
        for app in ("canvas", "networks", "coalitions")
        for path in (settings.BASE_DIR / app).rglob("*views*.py")
        if "Activity.record(" in Path(path).read_text(encoding="utf-8")
    ]
    assert writers == []
