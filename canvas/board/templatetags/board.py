"""The board template's own tags and filters.

Filters ask the Access predicates, to hide controls a person may not use (hiding is
courtesy only: every view checks the same predicate itself). The tags build the parts the
board repeats hundreds of times (notes, dots, chips, buttons) from escaped f-strings:
measured with `manage.py bench`, the template language cost ten times as much there.
"""

from functools import cached_property
from html import escape

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

from canvas.board.read import board_labels
from canvas.replies.forms import ReplyForm
from canvas.replies.markup import closed_replies, count_text
from canvas.replies.models import Reply

register = template.Library()


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


# The board repeats a note up to hundreds of times. In the template language its <li>
# cost ~60 µs a note, a third of the board's server time (`manage.py bench`); built here
# from f-strings it costs a tenth. Every value goes through `escape` (the stdlib one:
# Django's adds a lazy-string check per call that showed in the profile). The dots of
# an open vote stay a partial of the board template.
@register.simple_tag(takes_context=True)
def note_item(context, note):
    """Render one note of the board as its <li>, with the controls this person may use."""
    return mark_safe(NoteList(context).render(note))  # noqa: S308 - escaped in render


@register.simple_tag(takes_context=True)
def note_items(context, notes):
    """Render a prompt's notes: one tag for the list spares the template loop its cost."""
    return mark_safe("".join(map(NoteList(context).render, notes)))  # noqa: S308


class NoteList:
    """What the notes of one rendering share, read from the template context once."""

    # The labels and URL prefixes a note uses, escaped once for all notes: escaping them
    # for each note was a third of the notes' Python calls.
    ESCAPED = ("hidden", "edit", "agreed", "proposed", "to_agreed", "to_proposed")

    def __init__(self, context):
        self.context = context
        labels = _labels(context)
        self.labels = {key: escape(labels[key]) for key in self.ESCAPED}
        urls = context.get("urls")
        self.urls = urls and {key: escape(urls[key]) for key in ("notes", "rules")}
        self.focus = context.get("focus")
        self.access = None if context.get("readonly") else context.get("access")
        self.ballot = _ballot(context)
        self.why = labels["why"]  # escaped by closed_replies
        room = context.get("room")
        self.reply_counts = room.reply_counts if room is not None else {}

    @cached_property
    def csrf_input(self):
        """The forms' token, read only where a note has a form (reading it sets the cookie)."""
        return _csrf_input(self.context)

    def render(self, note):
        """Return the note's <li> as a string whose every value is escaped."""
        labels, access = self.labels, self.access
        dots = self.ballot.on(note) if self.ballot else None
        pk, is_rule = note.id, note.is_rule
        classes = f"note rule rule-{escape(note.status)}" if is_rule else "note"
        meta = ""
        if note.hidden:
            classes += " note-hidden"
            meta += f'<span class="hidden-badge">{labels["hidden"]}</span>'
        if is_rule:
            meta += self._rule_status(note)
        if author := note.author_display:
            meta += f'<span class="note-author">{escape(author)}</span>'
        if note.votes:  # the last closed vote's, also while a next one runs
            votes = ngettext("%(votes)s stem", "%(votes)s stemmen", note.votes) % {
                "votes": note.votes
            }
            meta += f'<span class="note-votes">{escape(votes)}</span>'
        html = (
            f'<li class="{classes}" id="note-{pk}">\n'
            f'  <p class="note-text" id="note-{pk}-text">{escape(note.text)}</p>\n'
            f'  <div class="note-meta">{meta}</div>\n'
        )
        if dots:
            html += dots_html(self.context, note, dots)
        if access is not None and access.can_edit_note(note):
            html += (
                f'  <a class="note-edit icon-button" href="{self.urls["notes"]}{pk}'
                f'/bewerken/#note-{pk}" aria-describedby="note-{pk}-text"'
                f'{" autofocus" if self.focus == "edit" else ""}><svg aria-hidden="true"'
                f' width="16" height="16"><use href="#icon-edit"/></svg>'
                f'<span class="visually-hidden">{labels["edit"]}</span></a>\n'
            )
        return html + self._replies(note) + "</li>\n"

    def _replies(self, note):
        """Return “Waarom?” under the note: its replies' toggle, or (the board opened with
        ?reacties=<pk>, without JavaScript) the open thread. Read-only: the count only."""
        count = self.reply_counts.get(note.id, 0)
        if self.access is None:
            if not count:
                return ""
            return f'  <p class="replies-count">{escape(count_text(count))}</p>\n'
        state = self.context.get("state")
        if state is not None and state.kind == "replies" and state.pk == note.id:
            return _open_replies(self.context, note, count, state.form)
        return closed_replies(self.urls["notes"], note.id, count, why=self.why)

    def _rule_status(self, note):
        """Return a rule's status: a button that toggles it for those who may, else a badge."""
        agreed = note.status == "afgesproken"
        status = escape(note.status)
        text = self.labels["agreed" if agreed else "proposed"]
        if agreed:
            text = f'<span aria-hidden="true">✓ </span>{text}'
        if self.access is None or not self.access.can_toggle_rule(note):
            return f'<span class="status-badge status-{status}">{text}</span>'
        return (
            f'<form class="rule-status" method="post" action="{self.urls["rules"]}'
            f'{note.id}/status/">{self.csrf_input}<button type="submit"'
            f' class="status-badge status-{status}" aria-describedby="note-{note.id}-text"'
            f"{' autofocus' if self.focus == 'status' else ''}>{text}"
            f'<span class="visually-hidden"> — '
            f"{self.labels['to_proposed' if agreed else 'to_agreed']}</span></button>"
            "</form>"
        )


@register.simple_tag(takes_context=True)
def commitments_box(context, ambition):
    """Render "Hoe wil jij betrokken zijn?" on an ambition's card: the four levels with
    their counts (buttons for those who may choose), who chose what, and for facilitators
    "Coalitie vormen". A tag for the notes' reason: thirty ambitions on the benchmark."""
    labels, urls, focus = _labels(context), context.get("urls"), context.get("focus")
    readonly, presenting = context.get("readonly"), context.get("presenting")
    access = None if readonly else context.get("access")
    levels = ambition.commitment_levels(context.get("user"))
    pk, title = ambition.id, escape(ambition.title)
    live = ""
    if context.get("network") and (not readonly or presenting):
        url = f"{escape(urls['ambitions'])}{pk}/betrokkenheid/"
        live = (
            f' data-live-key="commitments-{pk}"'
            f' data-live-url="{url}{"?projector=1" if presenting else ""}"'
        )
    html = (
        f'<div class="commitments" id="commitments-{pk}"{live}>\n'
        f'  <p class="commit-title" id="commit-{pk}-title">{escape(labels["involvement"])}</p>\n'
    )
    if access is not None and access.can_contribute:
        url = f"{escape(urls['ambitions'])}{pk}/betrokkenheid/"
        buttons = "".join(
            f'<button type="submit" name="level" value="{level.value}"'
            f' id="commit-{pk}-{level.value}" class="level level-{level.value}"'
            f' aria-pressed="{"true" if level.mine else "false"}"'
            f' title="{escape(level.explanation)}"'
            f"{' autofocus' if focus == 'commit-' + level.value else ''}>"
            f'{escape(level.label)} <span class="level-count">{level.count}</span></button>'
            for level in levels
        )
        html += (
            f'  <form class="commit-levels" method="post" action="{url}" hx-post="{url}"'
            ' hx-target="closest .commitments" hx-swap="outerHTML" hx-sync="this:queue last">'
            # A form may not be a group; the buttons' group inside it lays out as before.
            f'{_csrf_input(context)}<div class="commit-group" role="group"'
            f' aria-labelledby="commit-{pk}-title ambition-{pk}-title">{buttons}</div></form>\n'
        )
    else:
        items = "".join(
            f'<li class="level level-{level.value}">{escape(level.label)}'
            f' <span class="level-count">{level.count}</span></li>'
            for level in levels
        )
        html += f'  <ul class="commit-levels">{items}</ul>\n'
    if any(level.names for level in levels):
        names = "".join(
            _field(level.label, escape(", ".join(level.names))) for level in levels if level.names
        )
        html += (
            f'  <details class="commit-names"><summary>{escape(labels["who"])}</summary>'
            f"<dl>{names}</dl></details>\n"
        )
    if access is not None and access.can_steer_workshop and ambition.has_doers:
        url = f"{escape(urls['ambitions'])}{pk}/coalitie-vormen/"
        html += (
            f'  <form class="form-coalition" method="post" action="{url}" hx-post="{url}"'
            f' hx-target="#band" hx-swap="outerHTML" hx-sync="this:drop">{_csrf_input(context)}'
            f'<button type="submit" class="button small">{escape(labels["form_coalition"])}'
            f'<span class="visually-hidden"> — {title}</span></button></form>\n'
        )
    if error := context.get("error"):
        html += f'  <p class="field-error" role="alert">{escape(error)}</p>\n'
    return mark_safe(html + "</div>\n")  # noqa: S308 - every value is escaped


def _field(term, html, css=""):
    div = f'<div class="{css}">' if css else "<div>"
    return f"{div}<dt>{escape(term)}</dt><dd>{html}</dd></div>"


@register.simple_tag(takes_context=True)
def dots_for(context, item):
    """Render the dots on `item` in the open vote; nothing when it is not voted on."""
    ballot = _ballot(context)
    dots = ballot.on(item) if ballot else None
    return mark_safe(dots_html(context, item, dots) if dots else "")  # noqa: S308


def dots_html(context, item, dots):
    """Return an item's dots: one's own, the totals once shown, and the buttons to add
    or take back a dot (for those who may). Read-only pages show totals or nothing."""
    readonly = context.get("readonly")
    if readonly and dots.total is None:
        return ""
    field = context["room"].vote.item_field
    mine = ngettext("Jij: %(mine)s stip.", "Jij: %(mine)s stippen.", dots.mine)
    html = (
        f'<div class="dots" id="dots-{field}-{item.id}">\n'
        f'  <span class="dots-mine" aria-hidden="true">{"●" * dots.mine}</span>\n'
        f'  <span class="visually-hidden">{escape(mine % {"mine": dots.mine})}</span>\n'
    )
    if dots.total is not None:
        total = ngettext("%(total)s in totaal", "%(total)s in totaal", dots.total)
        html += f'  <span class="dots-total">{escape(total % {"total": dots.total})}</span>\n'
    access = context.get("access")
    if not readonly and access and access.can_contribute:
        html += _dot_form(context, item, dots, field)
    if error := context.get("error"):
        html += f'  <p class="field-error" role="alert">{escape(error)}</p>\n'
    return html + "</div>\n"


def _dot_form(context, item, dots, field):
    """Return the form with which one adds a dot to `item` or takes one back.

    With no dots left, "+ Stip" is disabled and says "geen stippen meer"; board.js
    disables or enables every "+ Stip" after each dot, from the dots left (data-left).
    """
    labels, focus = _labels(context), context.get("focus")
    url = escape(context["urls"]["dot"])
    name = escape(getattr(item, "text", "") or getattr(item, "title", "") or item.name)
    add = escape(labels["dot_add"])
    remove = escape(labels["dot_remove"])
    spent = escape(labels["dots_spent"])
    add_label = (
        f'<span class="dot-add"><span aria-hidden="true">+</span> {add}</span>'
        f'<span class="dot-spent">{spent}</span><span class="visually-hidden"> — {name}</span>'
    )
    remove_label = (
        f'<span aria-hidden="true">−</span><span class="visually-hidden">{remove} — {name}</span>'
    )
    buttons = [
        ("erbij", "dot-button", dots.can_add, dots.spent, add_label),
        ("weg", "dot-button dot-remove", dots.can_remove, False, remove_label),
    ]
    html = (
        f'  <form class="dot-form" method="post" action="{url}" hx-post="{url}"'
        ' hx-target="closest .dots" hx-swap="outerHTML" hx-sync="this:queue last">'
        f'{_csrf_input(context)}<input type="hidden" name="item" value="{item.id}">\n'
    )
    for value, css, enabled, spent_out, label in buttons:
        if spent_out:
            state = " disabled"
        elif not enabled:
            state = ' aria-disabled="true"'
        else:
            state = ""
        autofocus = " autofocus" if focus == f"dot-{value}" and not spent_out else ""
        html += (
            f'    <button type="submit" name="dot" value="{value}" id="dot-{field}-{item.id}-'
            f'{value}" class="{css}"{state}{autofocus}>{label}</button>\n'
        )
    return html + "  </form>\n"


def _ballot(context):
    """Return this person's part in the open vote, or None."""
    room = context.get("room")
    return room.ballot if room is not None else None


def _labels(context):
    """Return the board's labels: the view's, or (a fragment rendered on its own) anew."""
    return context.get("labels") or board_labels()


def _csrf_input(context):
    """Return what {% csrf_token %} renders, for the forms these tags build."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">'


def _open_replies(context, note, count, form):
    """Render a note's open replies (one note of the page at most): replies/replies.html."""
    access = context.get("access")
    replies = Reply.objects.visible_to(access.user).filter(note_id=note.id).select_related("author")
    flat = context.flatten()
    flat.update(
        note=note,
        open=True,
        count=count,
        count_text=count_text(count),
        replies=list(replies),
        form=form or ReplyForm(),
        focus="text" if form is not None else "",
    )
    return render_to_string("replies/replies.html#replies", flat)
