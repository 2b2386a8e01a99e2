"""Reading ids and return addresses from request parameters.

A malformed parameter is "not found" or "not allowed", never a 500: `str.isdigit()`
also says yes to "²" and "١" (which `int()` refuses or reads as another digit), and a
number past 64 bits overflows the database's integer.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.http import url_has_allowed_host_and_scheme

MAX_ID = 2**63 - 1  # ids are 64-bit (BigAutoField) on every database


def parse_id(value):
    """Return the request parameter `value` as an id, or None if it is not one."""
    if isinstance(value, str) and 0 < len(value) <= 19 and value.isascii() and value.isdigit():
        number = int(value)
        if 0 < number <= MAX_ID:
            return number
    return None


def local_path(request, value):
    """Return `value` if it is a path on this site (to redirect to), else None.

    A bare word such as "abc" is no path: `redirect()` would look it up as a view name.
    """
    if (
        isinstance(value, str)
        and value.startswith("/")
        and url_has_allowed_host_and_scheme(value, {request.get_host()}, request.is_secure())
    ):
        return value
    return None


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses values that are no id before the query.

    Django's own sends them to an `__in` lookup, where 25 nines overflow (OverflowError
    on SQLite, out of range on PostgreSQL).
    """

    def _check_values(self, value):
        for pk in value:
            if parse_id(str(pk)) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)
