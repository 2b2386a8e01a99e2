import pytest
from django.db import IntegrityError, transaction

from canvas.models import Note
from canvas.prompts import BLOCKS, NOTE_BLOCKS, PROMPTS


def test_every_prompt_has_a_block_and_questions():
    assert len(PROMPTS) == 20
    assert [b.slug for b in NOTE_BLOCKS] == ["identity", "rules", "organisation", "leadership"]
    assert "coalitions" in BLOCKS
    for prompt in PROMPTS.values():
        assert prompt.questions
        assert prompt.block in BLOCKS


def test_identity_prompts_use_the_canvas_terms():
    titles = [str(p.title) for p in BLOCKS["identity"].prompts]
    assert titles == [
        "Verbinding op passie",
        "Verbinding op ambitie",
        "Verbinding op positie",
        "Verbinding op stijl",
    ]


def _note(network, **kwargs):
    return Note.objects.create(network=network, **{"text": "Iets", **kwargs})


def test_a_note_must_answer_a_prompt_of_its_own_block(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        _note(network, block="identity", prompt="decisions")
    assert _note(network, block="identity", prompt="passion").pk


def test_only_rules_carry_a_status(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        _note(network, block="identity", prompt="passion", status="voorstel")
    with pytest.raises(IntegrityError), transaction.atomic():
        _note(network, block="rules", prompt="decisions", status="")
    with pytest.raises(IntegrityError), transaction.atomic():
        _note(network, block="rules", prompt="decisions", status="misschien")
    assert _note(network, block="rules", prompt="decisions", status="afgesproken").pk


def test_alive_leaves_out_deleted_notes(network):
    from django.utils import timezone

    note = _note(network, block="identity", prompt="style")
    count = network.notes.revealed().count()
    note.deleted_at = timezone.now()
    note.save()
    assert network.notes.revealed().count() == count - 1
