from networks.models import Activity


def _url(network):
    return f"/n/{network.slug}/activiteit/"


def _note_added(network, user, text="Trots op het vak", prompt="passion", area="identity"):
    return Activity.record(
        network, user, area, Activity.Action.CREATED, text, after={"text": text}, prompt=prompt
    )


def test_it_reads_as_dutch_sentences_with_before_and_after(network, alice, bob, client):
    _note_added(network, bob)
    Activity.record(
        network,
        bob,
        "rules",
        Activity.Action.EDITED,
        "Besluiten bij meerderheid",
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


def test_every_kind_of_change_has_a_sentence(network, bob):
    entry = Activity(network=network, user_name="Bob", subject="Zij-instroom")
    for area in Activity.Area.values:
        for action in Activity.Action.values:
            entry.area, entry.action = area, action
            assert entry.sentence.startswith("Bob")


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
        network, bob, "coalitions", "joined", "Zij-instroom", after={"role": "informed"}
    )
    assert entry.sentence == "Bob wordt op de hoogte gehouden van de coalitie “Zij-instroom”"
    entry = Activity.record(network, bob, "coalitions", "joined", "Zij-instroom")
    assert entry.sentence == "Bob doet mee in de coalitie “Zij-instroom”"
