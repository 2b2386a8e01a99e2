from dataclasses import dataclass

import pytest
from django.template.loader import render_to_string

from canvas.board.read import ActorRow, Board, NoteRow, PartnerRow, Person, read
from canvas.board.render import board_context
from canvas.models import Note
from canvas.prompts import NOTE_BLOCKS, PROMPTS
from canvas.records.interchange import import_network
from canvas.tools.bench import large_document
from coalitions.models import Coalition
from networks.access import Access
from networks.models import Membership
from tests.conftest import make_user


def test_it_shows_every_block_prompt_and_guiding_question(network, bob, client):
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    for block in NOTE_BLOCKS:
        assert f'id="block-{block.slug}"' in html
        assert str(block.question) in html
        for prompt in block.prompts:
            assert f'id="prompt-{prompt.slug}"' in html
            for question in prompt.questions:
                assert str(question) in html
    assert "Wie gaan wat met elkaar maken?" in html


def test_it_shows_the_notes_rules_ambitions_and_coalitions(network, bob, client):
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert "Elk kind in de regio verdient een bevoegde leraar" in html
    assert "4 stemmen" in html
    assert "afgesproken" in html
    assert "Startende leraren behouden" in html
    assert "Zij-instroom Rivierenland" in html


def test_it_hides_deleted_notes(network, bob, client):
    note = Note.objects.get(text="Klein beginnen, snel leren")
    note.soft_delete()
    client.force_login(bob)
    assert "Klein beginnen, snel leren" not in client.get(f"/n/{network.slug}/").content.decode()


def test_an_ambition_without_a_coalition_is_an_open_invitation(network, bob, client):
    network.coalitions.update(ambition=None)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert html.count("Open uitnodiging") == network.ambitions.count()
    assert "Nog zonder gedeelde ambitie" in html


def test_a_member_may_edit_only_their_own_notes(network, bob, client):
    own = Note.add(network, PROMPTS["passion"], "Mijn eigen notitie", bob)
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/").content.decode()
    assert f"/notities/{own.pk}/bewerken/" in html
    other = Note.objects.get(text="Klein beginnen, snel leren")
    assert f"/notities/{other.pk}/bewerken/" not in html
    assert "markeer als afgesproken" not in html  # the example's rules are not bob's


def test_a_facilitator_may_edit_every_note(network, alice, client):
    client.force_login(alice)
    html = client.get(f"/n/{network.slug}/").content.decode()
    for note in Note.objects.filter(network=network):
        assert f"/notities/{note.pk}/bewerken/" in html
    assert "markeer als afgesproken" in html


def test_a_stranger_gets_404(network, charlie, client):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/").status_code == 404


def test_the_presentation_shows_the_canvas_without_controls(network, alice, client):
    client.force_login(alice)
    response = client.get(f"/n/{network.slug}/presentatie/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "presenting" in html
    assert "Elk kind in de regio verdient een bevoegde leraar" in html
    assert "/bewerken/" not in html
    assert "Notitie toevoegen" not in html
    assert "Uitloggen" not in html  # nothing but the canvas


def test_the_presentation_is_not_for_strangers(network, charlie, client):
    client.force_login(charlie)
    assert client.get(f"/n/{network.slug}/presentatie/").status_code == 404


def test_the_readonly_flag_hides_every_control(network, alice, rf):
    access = Access(network, alice, Membership.objects.get(user=alice))
    request = rf.get("/")
    request.user = alice
    board = Board.load(network)
    html = render_to_string(
        "board/board.html",
        board_context(access, board=board, band=board.band, readonly=True),
        request,
    )
    assert "Elk kind in de regio verdient een bevoegde leraar" in html
    for control in ("/bewerken/", "/nieuw/", "/meedoen/", "/status/", "<textarea"):
        assert control not in html


def test_the_undo_bar_offers_to_restore_my_deleted_note(network, bob, client):
    note = Note.add(network, PROMPTS["style"], "Weg ermee", bob)
    note.soft_delete()
    client.force_login(bob)
    html = client.get(f"/n/{network.slug}/?verwijderd={note.pk}").content.decode()
    assert "Verwijderd: “Weg ermee”" in html
    assert f"/notities/{note.pk}/terugzetten/" in html


def test_the_undo_bar_ignores_notes_i_may_not_restore(network, bob, client):
    note = Note.objects.get(text="Klein beginnen, snel leren")
    note.soft_delete()
    client.force_login(bob)
    for value in (note.pk, "abc", 999999):
        html = client.get(f"/n/{network.slug}/?verwijderd={value}").content.decode()
        assert 'id="undo"' not in html


def test_it_renders_in_a_constant_number_of_queries(
    network, alice, client, django_assert_max_num_queries
):
    client.force_login(alice)
    with django_assert_max_num_queries(15):
        assert client.get(f"/n/{network.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_large_network_renders_in_the_same_number_of_queries(
    client, django_assert_max_num_queries
):
    user = make_user("Fenna")
    network = import_network(large_document(), facilitator=user)
    client.force_login(user)
    with django_assert_max_num_queries(15):
        response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 200
    assert response.content.decode().count('<li class="note') == 400


def test_the_fragments_render_read_only_without_an_access(network, rf):
    # A saved version is shown with `readonly` and no person's access at all.
    board = Board.load(network)
    html = render_to_string(
        "board/board.html#band", {"band": board.band, "readonly": True, "labels": {}}, rf.get("/")
    )
    assert "Zij-instroom Rivierenland" in html
    note = Note.objects.get(text="Klein beginnen, snel leren")
    html = render_to_string("board/board.html#note", {"note": note, "readonly": False})
    assert "Klein beginnen, snel leren" in html and "bewerken" not in html


def test_deleted_items_and_trekker_controls_cost_no_extra_queries(
    network, alice, bob, client, django_assert_max_num_queries
):
    from coalitions.models import Ambition, Coalition

    for coalition in Coalition.objects.all():
        coalition.take_part(alice, "trekker")
        coalition.take_part(bob, "lid")
    deleted = Coalition.objects.get(name="Techniekdag")
    deleted.soft_delete()
    Ambition.objects.get(key="techniek").soft_delete()
    client.force_login(alice)
    with django_assert_max_num_queries(15):
        html = client.get(f"/n/{network.slug}/").content.decode()
    assert html.count('<details class="lead-picker"') == 2
    assert f'id="coalition-{deleted.pk}"' not in html and "Techniekdag" not in html


def test_the_read_model_reads_what_the_orm_reads(network, bob):
    Note.add(network, PROMPTS["style"], "Van Bob", bob)
    notes = Note.objects.filter(network=network).order_by("id")
    loaded = read(notes, NoteRow, {"author": Person})
    expected = [
        (n.pk, n.text, n.status, n.is_rule, n.author_id, n.author_display, n.revision)
        for n in notes.select_related("author")
    ]
    assert [
        (n.pk, n.text, n.status, n.is_rule, n.author_id, n.author_display, n.revision)
        for n in loaded
    ] == expected
    assert any(n.author_display == "Bob" for n in loaded)


def test_the_read_model_shares_related_objects_in_one_query(
    network, bob, django_assert_num_queries
):
    for text in ("Een", "Twee"):
        Note.add(network, PROMPTS["style"], text, bob)
    with django_assert_num_queries(1):
        one, two = read(Note.objects.filter(author=bob).order_by("id"), NoteRow, {"author": Person})
        assert one.author is two.author and one.author.pk == bob.pk
        assert str(one.author) == "Bob"


def test_the_read_model_is_frozen_and_keeps_no_dates(network, bob):
    notes = Note.objects.filter(text="Klein beginnen, snel leren")
    (note,) = read(notes, NoteRow, {"author": Person})
    with pytest.raises(AttributeError):
        note.text = "Anders"
    assert not hasattr(note, "created_at")


def test_the_read_model_follows_a_path_through_another_relation(network):
    links = Coalition.core_partners.through.objects.filter(coalition__network=network)
    loaded = read(
        links.order_by("id"),
        CoalitionLink,
        {"networkactor": PartnerRow, "networkactor__actor": ActorRow},
    )
    expected = [(link.coalition_id, link.networkactor.actor.name) for link in links.order_by("id")]
    assert expected
    assert [(link.coalition_id, link.networkactor.actor.name) for link in loaded] == expected


@dataclass(frozen=True, slots=True)
class CoalitionLink:
    coalition_id: int
    networkactor: PartnerRow


def test_the_read_model_gives_none_for_an_empty_foreign_key(network, django_assert_num_queries):
    notes = Note.objects.filter(network=network, author__isnull=True)
    with django_assert_num_queries(1):
        loaded = read(notes, NoteRow, {"author": Person})
        assert loaded and all(note.author is None for note in loaded)


def test_the_blocks_speak_the_language_of_each_request(network, bob, client, settings):
    # The blocks keep their translated texts per language: switching must not mix them.
    client.force_login(bob)
    pages = {}
    for language in ("nl", "en", "nl"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        pages[language] = client.get(f"/n/{network.slug}/").content.decode()
    assert '<a href="#block-identity" class="jump-identity">Identiteit</a>' in pages["nl"]
    assert "<summary>Hulpvragen</summary>" in pages["nl"]
    assert 'aria-label="Notities bij Verbinding op passie"' in pages["nl"]
    assert 'Notitie<span class="visually-hidden"> toevoegen bij' in pages["nl"]
    assert '<a href="#block-identity" class="jump-identity">Identity</a>' in pages["en"]
    assert 'aria-label="Notes on Connection through passion"' in pages["en"]
    assert "Hulpvragen" not in pages["en"] and "Notities bij" not in pages["en"]


def test_the_board_without_javascript_opens_one_form_among_the_notes(network, bob, client):
    mine = Note.add(network, PROMPTS["passion"], "Mijn notitie", bob)
    client.force_login(bob)
    count = network.notes.revealed().count()
    html = client.get(f"/n/{network.slug}/notities/{mine.pk}/bewerken/").content.decode()
    assert html.count('<li class="note note-editing') == 1
    assert "Mijn notitie</textarea>" in html
    assert html.count('<li class="note') == count  # every other note as it is
    html = client.get(f"/n/{network.slug}/vragen/style/nieuw/").content.decode()
    assert html.count('class="note-form"') == 1
    assert 'id="add-style-text"' in html
    links = f'class="add-link" href="/n/{network.slug}/vragen/'
    assert html.count(links) == len(PROMPTS) - 1 and f"{links}style/" not in html


@dataclass(frozen=True, slots=True)
class AuthorFirst:
    id: int
    author: Person | None
    text: str


def test_the_read_model_refuses_a_related_object_among_the_columns(network):
    with pytest.raises(TypeError, match="right after its columns"):
        read(Note.objects.filter(network=network), AuthorFirst, {"author": Person})
