"""The clustering views: naming a cluster, "verplaats naar…" (and the drop that posts the
same form), merging duplicates, dissolving a cluster."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from canvas.models import Cluster, Note
from canvas.prompts import PROMPTS
from canvas.records.interchange import import_network
from canvas.workshops.models import Workshop
from tests.conftest import example_document

HX = {"HX-Request": "true"}
PASSION, STYLE = PROMPTS["passion"], PROMPTS["style"]
TROTS = "Trots op het vak van leraar"


@pytest.fixture
def note(network):
    return Note.objects.get(network=network, text=TROTS)


def _url(network, note):
    return f"/n/{network.slug}/notities/{note.pk}/verplaats-naar/"


def _state(network):
    return sorted(
        Note.all_objects.filter(network=network).values_list(
            "pk", "prompt", "cluster_id", "text", "revision", "deleted_at"
        )
    ), sorted(Cluster.objects.filter(network=network).values_list("pk", "prompt", "name"))


# Naming a cluster


def test_it_makes_a_cluster_and_shows_it_under_its_prompt(network, bob, client):
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/vragen/passion/clusters/", {"name": "Het vak"})
    cluster = Cluster.objects.get(network=network, name="Het vak")
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#cluster-{cluster.pk}"
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert f'<p class="cluster-name" id="cluster-{cluster.pk}-title">Het vak</p>' in html


def test_htmx_gets_the_prompts_notes_with_the_new_cluster(network, bob, client):
    client.force_login(bob)
    response = client.post(
        f"/n/{network.slug}/vragen/passion/clusters/", {"name": "<b>Vak</b>"}, headers=HX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="prompt-notes" id="prompt-notes-passion"')
    assert "&lt;b&gt;Vak&lt;/b&gt;" in html and "<b>Vak" not in html
    assert "<html" not in html


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Geef de cluster een naam."),
        ("   ", "Geef de cluster een naam."),
        ("x" * 81, "hoogstens 80 tekens"),
        ("het VAK", "Bij deze vraag is er al een cluster “het VAK”."),
    ],
)
def test_a_bad_name_is_refused_next_to_the_field(network, bob, client, name, message):
    Cluster.add(network, PASSION, "Het vak")
    client.force_login(bob)
    before = _state(network)
    url = f"/n/{network.slug}/vragen/passion/clusters/"
    page = client.post(url, {"name": name})
    assert page.status_code == 422
    assert message in page.content.decode() and "<html" in page.content.decode()
    fragment = client.post(url, {"name": name}, headers=HX)
    assert fragment.status_code == 422
    assert fragment.headers["HX-Retarget"] == "#cluster-add-passion"
    html = fragment.content.decode()
    assert message in html and 'aria-invalid="true"' in html and "<html" not in html
    assert _state(network) == before


def test_an_unknown_prompt_is_not_found(network, bob, client):
    client.force_login(bob)
    assert (
        client.post(f"/n/{network.slug}/vragen/niets/clusters/", {"name": "X"}).status_code == 404
    )


def test_members_may_not_cluster_during_silent_writing(network, alice, bob, client):
    Workshop.objects.create(network=network, title="W", started_by=alice, silent=True)
    before = _state(network)
    client.force_login(bob)
    url = f"/n/{network.slug}/vragen/passion/clusters/"
    assert client.post(url, {"name": "Vak"}).status_code == 403
    assert _state(network) == before
    client.force_login(alice)  # facilitators may
    assert client.post(url, {"name": "Vak"}).status_code == 302


def test_strangers_get_404(network, charlie, note, client):
    client.force_login(charlie)
    assert (
        client.post(f"/n/{network.slug}/vragen/passion/clusters/", {"name": "X"}).status_code == 404
    )
    assert client.get(_url(network, note)).status_code == 404


# Verplaats naar…


def test_the_move_form_is_a_page_without_htmx_and_the_note_with_it(network, bob, note, client):
    Cluster.add(network, PASSION, "Het vak")
    client.force_login(bob)
    page = client.get(_url(network, note))
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert "<h1>Verplaats naar…</h1>" in html
    assert "Verbinding op passie › Het vak" in html and "hx-post" not in html
    fragment = client.get(_url(network, note), headers=HX).content.decode()
    assert fragment.lstrip().startswith(f'<li class="note note-moving" id="note-{note.pk}">')
    assert 'hx-target="#prompt-notes-passion"' in fragment
    assert f'name="revision" value="{note.revision}"' in fragment


def test_it_moves_a_note_into_a_cluster(network, bob, note, client):
    cluster = Cluster.add(network, PASSION, "Het vak")
    client.force_login(bob)
    data = {"target": f"cluster-{cluster.pk}", "revision": note.revision}
    response = client.post(_url(network, note), data)
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/#note-{note.pk}"
    note.refresh_from_db()
    assert note.cluster == cluster


def test_htmx_gets_both_prompts_when_a_note_moves_to_another(network, bob, note, client):
    client.force_login(bob)
    data = {"target": "prompt-style", "revision": note.revision}
    response = client.post(_url(network, note), data, headers={**HX, "X-Drag": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div class="prompt-notes" id="prompt-notes-passion"')
    assert '<div hx-swap-oob="true" class="prompt-notes" id="prompt-notes-style"' in html
    assert html.index(TROTS) > html.index('id="prompt-notes-style"')
    note.refresh_from_db()
    assert note.prompt == "style"


def test_a_stale_move_is_refused_and_says_so(network, bob, note, client):
    cluster = Cluster.add(network, PASSION, "Het vak")
    note.edit("Trots op ons vak", note.revision)  # someone saved meanwhile
    before = _state(network)
    client.force_login(bob)
    data = {"target": f"cluster-{cluster.pk}", "revision": 1}
    response = client.post(_url(network, note), data)
    assert response.status_code == 409
    assert "intussen gewijzigd of verplaatst" in response.content.decode()
    dropped = client.post(_url(network, note), data, headers={**HX, "X-Drag": "1"})
    assert dropped.status_code == 409
    html = dropped.content.decode()
    assert html.lstrip().startswith('<div class="prompt-notes" id="prompt-notes-passion"')
    assert "intussen gewijzigd of verplaatst" in html
    assert _state(network) == before


def test_another_networks_cluster_or_a_made_up_target_is_refused(network, bob, note, client):
    elsewhere = Cluster.add(import_network(example_document()), PASSION, "Elders")
    before = _state(network)
    client.force_login(bob)
    for target in (f"cluster-{elsewhere.pk}", "prompt-niets", "cluster-abc", ""):
        response = client.post(_url(network, note), {"target": target, "revision": 1})
        assert response.status_code == 422, target
        html = response.content.decode()
        assert "Kies een vraag of cluster" in html
    no_revision = client.post(_url(network, note), {"target": "prompt-style"}, headers=HX)
    assert no_revision.status_code == 422
    assert "Dit formulier is te oud" in no_revision.content.decode()
    assert _state(network) == before


def test_anothers_note_is_not_found(network, bob, client):
    other = import_network(example_document())
    foreign = Note.objects.filter(network=other).first()
    client.force_login(bob)
    assert client.post(_url(network, foreign), {"target": "prompt-style"}).status_code == 404


# Merging


def test_it_merges_a_duplicate_into_the_note(network, bob, note, client):
    kept = Note.add(network, PASSION, "Wij zijn trots op leraren", bob)
    client.force_login(bob)
    fragment = client.get(_url(network, kept), headers=HX).content.decode()
    value = f"{note.pk}.{note.revision}"
    assert f'<option value="{value}">{TROTS}</option>' in fragment
    data = {"merge": "1", "other": value, "revision": kept.revision}
    response = client.post(_url(network, kept), data, headers=HX)
    assert response.status_code == 200
    kept.refresh_from_db()
    assert kept.text == f"Wij zijn trots op leraren\n\n{TROTS}"
    assert Note.all_objects.get(pk=note.pk).is_deleted
    assert TROTS in response.content.decode()


def test_a_merge_with_a_note_changed_meanwhile_is_refused(network, bob, note, client):
    kept = Note.add(network, PASSION, "Wij zijn trots", bob)
    value = f"{note.pk}.{note.revision}"
    note.edit("Trots, anders gezegd", note.revision)
    before = _state(network)
    client.force_login(bob)
    data = {"merge": "1", "other": value, "revision": kept.revision}
    response = client.post(_url(network, kept), data)
    assert response.status_code == 422
    assert "misschien is ze intussen gewijzigd" in response.content.decode()
    assert _state(network) == before


def test_a_merge_too_long_is_refused_next_to_the_field(network, bob, note, client):
    kept = Note.add(network, PASSION, "x" * 480, bob)
    before = _state(network)
    client.force_login(bob)
    data = {"merge": "1", "other": f"{note.pk}.{note.revision}", "revision": kept.revision}
    response = client.post(_url(network, kept), data, headers=HX)
    assert response.status_code == 422
    assert response.headers["HX-Retarget"] == f"#note-{kept.pk}"
    assert "hoogstens 500 hebben" in response.content.decode()
    assert _state(network) == before


# Dissolving


def test_it_dissolves_a_cluster_and_keeps_its_notes(network, bob, note, client):
    cluster = Cluster.add(network, PASSION, "Het vak")
    note.move_to(PASSION, cluster, note.revision)
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/clusters/{cluster.pk}/opheffen/", headers=HX)
    assert response.status_code == 200
    assert TROTS in response.content.decode() and "Het vak" not in response.content.decode()
    note.refresh_from_db()
    assert note.cluster is None and not Cluster.objects.filter(pk=cluster.pk).exists()


def test_another_networks_cluster_cannot_be_dissolved(network, bob, client):
    elsewhere = Cluster.add(import_network(example_document()), PASSION, "Elders")
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/clusters/{elsewhere.pk}/opheffen/")
    assert response.status_code == 404
    assert Cluster.objects.filter(pk=elsewhere.pk).exists()


# The board


def test_the_board_shows_clusters_and_drag_hooks_only_to_who_may_cluster(
    network, alice, bob, note, client
):
    cluster = Cluster.add(network, PASSION, "Het vak")
    note.move_to(PASSION, cluster, note.revision)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    section = html[html.index(f'id="cluster-{cluster.pk}"') :]
    assert section.index(TROTS) < section.index("</section>")
    assert f'data-drop="cluster-{cluster.pk}"' in html and "data-sortable" in html
    assert f'href="/n/{network.slug}/notities/{note.pk}/verplaats-naar/"' in html
    Workshop.objects.create(network=network, title="W", started_by=alice, silent=True)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert "Het vak" in html  # still shown
    assert "data-sortable" not in html and "verplaats-naar" not in html
    projector = client.get(f"/n/{network.slug}/presentatie/").content.decode()
    assert "Het vak" in projector and "verplaats-naar" not in projector


def test_clusters_cost_the_board_one_query_however_many(network, bob, note, client):
    client.force_login(bob)
    client.get(f"/n/{network.slug}/")  # the session, once
    with CaptureQueriesContext(connection) as without:
        client.get(f"/n/{network.slug}/")
    for i in range(5):
        cluster = Cluster.add(network, STYLE if i % 2 else PASSION, f"Cluster {i}")
    note.move_to(PASSION, cluster, note.revision)
    with CaptureQueriesContext(connection) as with_clusters:
        html = client.get(f"/n/{network.slug}/").content.decode()
    assert "Cluster 4" in html
    assert len(with_clusters) == len(without) <= 15  # 14 on SQLite, 15 on PostgreSQL


# Live


@pytest.mark.django_db(transaction=True)
def test_a_move_tells_every_board_both_prompts_and_the_note(network, bob, note, client, sent):
    client.force_login(bob)
    data = {"target": "prompt-style", "revision": note.revision}
    client.post(_url(network, note), data, headers={"X-Live-Change": "c-7"})
    keys = ["prompt-passion", "prompt-style", f"note-{note.pk}"]
    assert sent == [(network.pk, "changed", {"keys": keys, "change": "c-7"})]


@pytest.mark.django_db(transaction=True)
def test_a_refused_move_tells_no_one(network, bob, note, client, sent):
    client.force_login(bob)
    client.post(_url(network, note), {"target": "prompt-style", "revision": 99})
    client.post(f"/n/{network.slug}/vragen/passion/clusters/", {"name": ""})
    assert sent == []
    client.post(f"/n/{network.slug}/vragen/passion/clusters/", {"name": "Vak"})
    assert sent == [(network.pk, "changed", {"keys": ["prompt-passion"], "change": ""})]


@pytest.mark.django_db(transaction=True)
def test_a_move_within_a_prompt_names_it_once(network, bob, note, client, sent):
    cluster = Cluster.add(network, PASSION, "Vak")
    client.force_login(bob)
    client.post(_url(network, note), {"target": f"cluster-{cluster.pk}", "revision": 1})
    assert sent == [
        (network.pk, "changed", {"keys": ["prompt-passion", f"note-{note.pk}"], "change": ""})
    ]


def test_a_note_stays_under_its_prompt_while_its_notes_are_voted_on(
    network, alice, bob, note, client
):
    from canvas.workshops.models import Vote

    workshop = Workshop.objects.create(network=network, title="W", started_by=alice)
    vote = Vote.objects.create(workshop=workshop, target="prompt", prompt="passion")
    cluster = Cluster.add(network, PASSION, "Het vak")
    client.force_login(bob)
    response = client.post(_url(network, note), {"target": "prompt-style", "revision": 1})
    assert response.status_code == 422
    assert "wordt nu gestemd" in response.content.decode()
    note.refresh_from_db()
    assert note.prompt == "passion"
    # Into a cluster of its own prompt it may go; after the vote, anywhere.
    data = {"target": f"cluster-{cluster.pk}", "revision": 1}
    assert client.post(_url(network, note), data).status_code == 302
    vote.close()
    data = {"target": "prompt-style", "revision": 2}
    assert client.post(_url(network, note), data).status_code == 302
