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
def role_of(coalition, user):
    return coalition.role_of(user)
