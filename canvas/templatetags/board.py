"""Ask the Access predicates from the board template, to hide controls a person may not use.

Hiding is courtesy only: every view checks the same predicate itself.
"""

from django import template

register = template.Library()


@register.filter
def may_edit_note(access, note):
    return bool(access) and access.can_edit_note(note)


@register.filter
def may_toggle_rule(access, note):
    return bool(access) and access.can_toggle_rule(note)


@register.filter
def may_edit_ambition(access, ambition):
    return bool(access) and access.can_edit_ambition(ambition)


@register.filter
def may_edit_coalition(access, coalition):
    return bool(access) and access.can_edit_coalition(coalition)


@register.filter
def may_delete_ambition(access, ambition):
    return bool(access) and access.can_delete_ambition(ambition)


@register.filter
def may_delete_coalition(access, coalition):
    return bool(access) and access.can_delete_coalition(coalition)


@register.filter
def may_choose_leads(access, coalition):
    return bool(access) and access.can_choose_leads(coalition)


@register.filter
def role_of(coalition, user):
    return coalition.role_of(user)


@register.filter
def dots_on(ballot, item):
    """Return the ItemDots of `item` in the open vote, or None when it is not voted on."""
    return ballot.on(item) if ballot else None


@register.filter
def bullets(count):
    """Return one dot character per dot."""
    return "●" * int(count or 0)


@register.filter
def commitment_levels(ambition, user):
    return ambition.commitment_levels(user)


@register.filter
def clock(seconds):
    """Return seconds as the timer shows them: 4:05, or 1:02:03."""
    seconds = max(0, int(seconds or 0))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
