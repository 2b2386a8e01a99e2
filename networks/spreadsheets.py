"""CSV downloads that a spreadsheet opens safely: every CSV of the app is written here."""

import csv

from django.http import HttpResponse

# A cell starting with one of these is a formula to a spreadsheet program (OWASP, "CSV
# injection"): a network named =HYPERLINK(…) would run in every member's export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Return `value` so that a spreadsheet shows it as text, never runs it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(rows, filename):
    """Return `rows` as a CSV download named `filename`.csv."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return response
