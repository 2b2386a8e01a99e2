"""The closed “Waarom?” under a note, built from an escaped f-string.

The board shows it under every note (hundreds); the template language cost ten times as
much there (see canvas/board/templatetags/board.py). The open thread is a template:
replies/replies.html, whose toggle this one mirrors.
"""

from html import escape

from django.utils.translation import gettext, ngettext


def count_text(count):
    return ngettext("%(count)s reactie", "%(count)s reacties", count) % {"count": count}


def closed_replies(notes_url, pk, count, *, why=None, autofocus=False):
    """Return the closed replies of note `pk`: the toggle that opens them, with the count.

    `notes_url` is the escaped prefix of the notes' URLs ("/n/slug/notities/").
    """
    url = f"{notes_url}{pk}/reacties/"
    why = escape(why or gettext("Waarom?"))
    counted = f' <span class="replies-count">{escape(count_text(count))}</span>' if count else ""
    return (
        f'<div class="replies" id="replies-{pk}" data-live-key="replies-{pk}"'
        f' data-live-url="{url}?dicht=1">'
        f'<a class="replies-toggle" id="replies-{pk}-toggle" href="{url}" hx-get="{url}"'
        f' hx-target="closest .replies" hx-swap="outerHTML" aria-expanded="false"'
        f' aria-describedby="note-{pk}-text"{" autofocus" if autofocus else ""}>'
        f"{why}{counted}</a></div>\n"
    )
