"""The count “Waarom?” shows under a note (templates/board/parts/replies.jinja)."""

from django.utils.translation import ngettext


def count_text(count):
    return ngettext("%(count)s reactie", "%(count)s reacties", count) % {"count": count}
