"""One soft-delete convention for notes, ambitions and coalitions (networks/soft_delete.py)."""

import pytest

from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Ambition, Coalition


def _deletable(network, model):
    if model is Note:
        return Note.objects.get(text="Klein beginnen, snel leren")
    if model is Ambition:
        return Ambition.objects.create(network=network, key="los", title="Los")
    return Coalition.objects.get(name="Techniekdag")


@pytest.mark.parametrize("model", [Note, Ambition, Coalition])
def test_the_default_manager_leaves_deleted_items_out_and_all_objects_finds_them(network, model):
    item = _deletable(network, model)
    item.soft_delete()
    assert not model.objects.filter(pk=item.pk).exists()
    assert not model.all_objects.alive().filter(pk=item.pk).exists()
    assert model.all_objects.deleted().filter(pk=item.pk).exists()
    item.restore()
    assert model.objects.filter(pk=item.pk).exists()
    assert model.objects.alive().filter(pk=item.pk).exists()
    assert not model.all_objects.deleted().filter(pk=item.pk).exists()


def test_a_network_s_notes_leave_deleted_ones_out(network):
    note = _deletable(network, Note)
    count = network.notes.count()
    note.soft_delete()
    assert network.notes.count() == count - 1


def test_hidden_notes_are_alive_but_not_revealed(network, bob):
    hidden = Note.add(network, PROMPTS["style"], "Stil geschreven", bob, hidden=True)
    assert Note.objects.alive().filter(pk=hidden.pk).exists()
    assert not Note.objects.revealed().filter(pk=hidden.pk).exists()
    hidden.soft_delete()
    assert not Note.all_objects.revealed().filter(pk=hidden.pk).exists()
