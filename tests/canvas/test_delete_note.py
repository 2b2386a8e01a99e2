from canvas.models import Note
from canvas.prompts import PROMPTS
from networks.models import Activity

HX = {"HX-Request": "true"}


def _note(network, author, text="Weg ermee"):
    return Note.add(network, PROMPTS["style"], text, author)


def test_deleting_hides_the_note_but_keeps_it(network, bob, client):
    note = _note(network, bob)
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/")
    note.refresh_from_db()
    assert note.deleted_at is not None
    assert response.status_code == 302
    assert response.url == f"/n/{network.slug}/?verwijderd={note.pk}#undo"
    assert not Note.objects.revealed().filter(pk=note.pk).exists()
    assert Activity.objects.filter(kind="note.deleted", params__subject="Weg ermee").exists()


def test_htmx_gets_the_undo_in_place_of_the_note(network, bob, client):
    note = _note(network, bob)
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/", headers=HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="note-{note.pk}"' in html
    assert "Verwijderd" in html and "ongedaan maken" in html
    assert f"/notities/{note.pk}/terugzetten/" in html


def test_undo_brings_the_note_back_where_it_was(network, bob, client):
    note = _note(network, bob)
    position = note.position
    note.soft_delete()
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/terugzetten/", headers=HX)
    note.refresh_from_db()
    assert response.status_code == 200
    assert "Weg ermee" in response.content.decode()
    assert (note.deleted_at, note.position) == (None, position)
    assert Activity.objects.filter(kind="note.restored").exists()


def test_undo_without_javascript_returns_to_the_note(network, bob, client):
    note = _note(network, bob)
    note.soft_delete()
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/terugzetten/")
    assert response.status_code == 302 and response.url.endswith(f"#note-{note.pk}")


def test_undo_twice_changes_nothing_more(network, bob, client):
    note = _note(network, bob)
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/terugzetten/", headers=HX)
    assert response.status_code == 200
    assert not Activity.objects.filter(kind="note.restored").exists()


def test_deleting_a_note_deleted_meanwhile_says_so(network, bob, client):
    note = _note(network, bob)
    note.soft_delete()
    client.force_login(bob)
    response = client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/", headers=HX)
    assert response.status_code == 409
    assert "Deze notitie is intussen verwijderd" in response.content.decode()


def test_a_member_may_not_delete_or_restore_someone_elses_note(network, alice, bob, client):
    note = _note(network, alice)
    client.force_login(bob)
    assert client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/").status_code == 403
    note.refresh_from_db()
    assert note.deleted_at is None
    note.soft_delete()
    assert client.post(f"/n/{network.slug}/notities/{note.pk}/terugzetten/").status_code == 403
    note.refresh_from_db()
    assert note.deleted_at is not None


def test_a_facilitator_may_delete_anyones_note(network, alice, bob, client):
    note = _note(network, bob)
    client.force_login(alice)
    assert client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/").status_code == 302


def test_deleting_needs_a_post(network, bob, client):
    note = _note(network, bob)
    client.force_login(bob)
    assert client.get(f"/n/{network.slug}/notities/{note.pk}/verwijderen/").status_code == 405
    note.refresh_from_db()
    assert note.deleted_at is None


def test_a_stranger_gets_404(network, bob, charlie, client):
    note = _note(network, bob)
    client.force_login(charlie)
    assert client.post(f"/n/{network.slug}/notities/{note.pk}/verwijderen/").status_code == 404
    assert client.post(f"/n/{network.slug}/notities/{note.pk}/terugzetten/").status_code == 404
