"""A version is a saved canvas only: the edit-conflict counter is each item's revision."""

import pytest
from django.core.exceptions import FieldDoesNotExist

from canvas import models as canvas_models
from canvas.models import Note
from coalitions.models import Ambition, Coalition
from networks import revisions


@pytest.mark.parametrize("model", [Note, Ambition, Coalition])
def test_the_edit_conflict_counter_is_named_revision(model):
    assert model._meta.get_field("revision").default == 1
    with pytest.raises(FieldDoesNotExist):
        model._meta.get_field("version")


def test_a_stale_save_raises_stale_revision():
    assert issubclass(revisions.StaleRevision, Exception)
    assert not hasattr(canvas_models, "StaleVersion")
