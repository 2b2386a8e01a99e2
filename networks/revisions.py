"""Edits that start from a revision, so a save over someone else's newer save is caught.

An editable item counts its saves in `revision`; its edit form carries the revision it
was opened at, and the save is one conditional UPDATE: of two saves from the same
revision exactly one wins, and the other changes nothing and shows both to choose from.
"""

from django import forms
from django.utils.translation import gettext_lazy as _


class StaleRevision(Exception):
    """Someone saved a newer revision of the item meanwhile; nothing was changed."""


class RevisionField(forms.IntegerField):
    """The revision an edit form started from, so a save over a newer one is caught."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)
        self.error_messages["required"] = self.error_messages["invalid"] = _(
            "Dit formulier is te oud; open het opnieuw."
        )
