"""The initials in the presence bar: letters of the name, never a guest's "(gast)"."""

import pytest

from canvas.live.events import _initials


@pytest.mark.parametrize(
    ("name", "initials"),
    [
        ("Sanne (gast)", "S"),
        ("Sanne de Vries (gast)", "SD"),
        ("Alice", "A"),
        ("jan-willem bakker", "JB"),
        ("“Ilse” Jansen", "IJ"),
        ("Émile Zola", "ÉZ"),
        ("(gast)", "?"),
        ("123 !!", "?"),
        ("", "?"),
    ],
)
def test_initials_skip_the_guest_suffix_and_what_is_no_letter(name, initials):
    assert _initials(name) == initials
