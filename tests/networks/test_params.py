"""Reading ids and return addresses from request parameters (networks/params.py)."""

import pytest
from django.test import RequestFactory

from networks.params import MAX_ID, local_path, parse_id


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 25, None),
        ("²", None),  # str.isdigit() says yes
        ("١٢", None),  # Arabic-Indic digits: int() reads them, no id is written so
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1e300", None),
        ("12\x00", None),
        (" 12", None),
        ("9" * 10_000, None),
    ],
)
def test_parse_id_takes_ascii_digits_of_a_64_bit_id_only(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/n/x/", "/n/x/"),
        ("abc", None),  # redirect() would look it up as a view name
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("", None),
        (None, None),
        ("\x00", None),
    ],
)
def test_local_path_is_a_path_on_this_site(value, expected):
    request = RequestFactory().get("/")
    assert local_path(request, value) == expected
