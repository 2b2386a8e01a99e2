from canvas.models import Note
from canvas.prompts import PROMPTS


def test_add_puts_a_note_after_the_others_even_deleted_ones(network, bob):
    last = Note.add(network, PROMPTS["care"], "Eerst", bob)
    last.soft_delete()
    note = Note.add(network, PROMPTS["care"], "Daarna", bob)
    assert note.position > last.position
    assert (note.block, note.status) == ("leadership", "")


def _texts(network):
    return list(Note.objects.under(network, PROMPTS["places"]).values_list("text", flat=True))


def test_move_renumbers_notes_with_equal_positions(network, bob):
    Note.objects.filter(prompt="places").delete()
    Note.add(network, PROMPTS["places"], "a", bob)
    b = Note.add(network, PROMPTS["places"], "b", bob)
    Note.objects.filter(prompt="places").update(position=0)
    assert b.move("up")
    assert _texts(network) == ["b", "a"]
    assert list(Note.objects.filter(prompt="places").values_list("position", flat=True)) == [0, 1]


def test_move_skips_deleted_notes(network, bob):
    Note.objects.filter(prompt="places").delete()
    Note.add(network, PROMPTS["places"], "a", bob)
    Note.add(network, PROMPTS["places"], "weg", bob).soft_delete()
    b = Note.add(network, PROMPTS["places"], "b", bob)
    assert b.move("up")
    assert not b.move("up")  # already first
    assert _texts(network) == ["b", "a"]


def test_a_deleted_note_does_not_move(network, bob):
    note = Note.add(network, PROMPTS["places"], "weg", bob)
    note.soft_delete()
    assert not note.move("up")


def test_toggle_status_flips_a_rule(network, bob):
    rule = Note.add(network, PROMPTS["decisions"], "Consent", bob)
    assert rule.status == "voorstel"
    rule.toggle_status()
    rule.refresh_from_db()
    assert rule.status == "afgesproken"
    rule.toggle_status()
    assert rule.status == "voorstel"
