"""The board template's tags and filters.

`part` renders one of the board's repeated parts (canvas/board/parts.py). The `may_…`
filters ask the Access predicates, to hide controls a person may not use (hiding is
courtesy only: every view checks the same predicate itself).
"""

from django import template
from django.utils.safestring import mark_safe

from canvas.board.parts import render_part
from canvas.prompts import NOTE_BLOCKS

register = template.Library()


@register.simple_tag(takes_context=True)
def part(context, name, **values):
    """Render templates/board/parts/`name`.jinja (autoescaped) with this context."""
    return mark_safe(render_part(name, context, **values))  # noqa: S308 - autoescaped


@register.filter
def may_delete_ambition(access, ambition):
    return bool(access) and access.can_delete_ambition(ambition)


@register.filter
def may_delete_coalition(access, coalition):
    return bool(access) and access.can_delete_coalition(coalition)


@register.filter
def clock(seconds):
    """Return seconds as the timer shows them: 4:05, or 1:02:03."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@register.simple_tag
def note_blocks():
    """Return the canvas's four note blocks (the sticky bar's links)."""
    return NOTE_BLOCKS
