"""The band's tags: the head of an ambition's lane and a coalition's card.

Thirty lanes and thirty cards on the benchmark board: in the template language they cost
~90,000 Python calls a page, two fifths of the board (`manage.py bench`, calls). Built here
from escaped f-strings, as the notes are (see board.py), they cost a third of that. Every
value goes through the stdlib `escape`. The forms that open in the band stay partials of
the board template: they render once.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from canvas.board.templatetags.board import _csrf_input, _field, _labels, dots_for
from coalitions.models import CoalitionRole, CoalitionStatus, WorkForm, choice_labels

register = template.Library()


def _votes(votes):
    """Return the badge with the dots an ambition or coalition got in the last vote."""
    text = ngettext("%(votes)s stem", "%(votes)s stemmen", votes) % {"votes": votes}
    return f' <span class="votes-badge">{escape(text)}</span>'


def _edit_link(url, label, name, autofocus):
    """Return the "Bewerken" link of a lane or card, naming it for screen readers."""
    return (
        f'<a class="text-button" href="{escape(url)}"{" autofocus" if autofocus else ""}>'
        f'{escape(label)}<span class="visually-hidden"> {escape(name)}</span></a>\n'
    )


@register.simple_tag(takes_context=True)
def lane_head(context, ambition):
    """Render the head of an ambition's lane: its title, description, votes and dots, and
    the link to edit it for those who may."""
    labels, access = _labels(context), context.get("access")
    pk, title = ambition.id, ambition.title
    eyebrow = escape(labels["ambition"]) + (_votes(ambition.votes) if ambition.votes else "")
    if ambition.hidden:  # written in a silent brainstorm: its author's alone until the reveal
        eyebrow += f' <span class="hidden-badge">{escape(labels["hidden"])}</span>'
    html = (
        f'<header class="lane-head" id="ambition-{pk}-head">\n'
        f'<p class="eyebrow">{eyebrow}</p>\n'
        f'<h3 id="ambition-{pk}-title">{escape(title)}</h3>\n'
    )
    if ambition.description:
        html += f'<p class="lane-description">{escape(ambition.description)}</p>\n'
    if not context.get("readonly") and access and access.can_edit_ambition(ambition):
        url = f"{context['urls']['ambitions']}{pk}/bewerken/#band"
        saved = (context.get("saved") or {}).get("ambition") == pk
        html += _edit_link(url, labels["edit"], title, saved)
    html += dots_for(context, ambition)
    return mark_safe(html + "</header>")  # noqa: S308 - every value is escaped


@register.simple_tag(takes_context=True)
def add_coalition_link(context, ambition):
    """Render the link under a lane that opens the form for a new coalition on it."""
    pk, urls = ambition.id, context["urls"]
    named = gettext("voor %(title)s") % {"title": ambition.title}
    return mark_safe(  # noqa: S308 - every value is escaped
        f'<a class="add-link" id="ambition-{pk}-add"'
        f' href="{escape(urls["coalitions"])}nieuw/?ambitie={pk}#ambition-{pk}">'
        f'<span aria-hidden="true">+</span> {escape(_labels(context)["coalition"])}'
        f'<span class="visually-hidden"> {escape(named)}</span></a>'
    )


@register.simple_tag(takes_context=True)
def coalition_card(context, coalition):
    """Render a coalition's card: its tags, fields, dots, and the controls this person may
    use (take part, edit, choose the trekkers)."""
    return mark_safe(CoalitionCard(context).render(coalition))  # noqa: S308 - escaped


class CoalitionCard:
    """What the cards of one rendering share, read from the template context once."""

    def __init__(self, context):
        self.context = context
        self.labels = _labels(context)
        self.access = None if context.get("readonly") else context.get("access")
        self.statuses = choice_labels(CoalitionStatus)
        self.work_forms = choice_labels(WorkForm)

    def render(self, coalition):
        """Return the card's <article> as a string whose every value is escaped."""
        pk, status = coalition.id, escape(coalition.status)
        html = (
            f'<article class="coalition-card status-{status}" id="coalition-{pk}"'
            f' aria-labelledby="coalition-{pk}-title">\n'
            '<header class="card-head">\n'
            f'<h4 id="coalition-{pk}-title">{escape(coalition.name)}</h4>\n'
            f'<p class="card-tags">\n{self._tags(coalition)}</p>\n'
            "</header>\n"
        )
        html += dots_for(self.context, coalition) + self._fields(coalition)
        if error := self.context.get("error"):
            html += f'<p class="field-error" role="alert">{escape(error)}</p>\n'
        if self.access is not None and self.access.can_contribute:
            html += self._footer(coalition)
        return html + "</article>\n"

    def _tags(self, coalition):
        """Return the card's tags: its status, work form and the votes it got."""
        status = coalition.status
        html = (
            f'<span class="status-badge status-{escape(status)}">'
            f"{escape(self.statuses[status])}</span>\n"
        )
        if work_form := coalition.work_form:
            html += f'<span class="tag">{escape(self.work_forms[work_form])}</span>\n'
        if coalition.votes:
            html += _votes(coalition.votes) + "\n"
        return html

    def _fields(self, coalition):
        """Return what the card says: doelgroep, kernpartners (marking those outside the
        network), volgende stap, and who leads, takes part or is kept informed."""
        labels = self.labels
        html = ""
        if coalition.target_group:
            html += _field(labels["target_group"], escape(coalition.target_group))
        partners = coalition.core_partners.all()
        if partners:
            outside = escape(labels["outside"])
            chips = "".join(
                f'<li class="chip chip-outside">{escape(partner.actor.name)}'
                f'<span class="chip-note"> · {outside}</span></li>'
                if partner.is_outside
                else f'<li class="chip">{escape(partner.actor.name)}</li>'
                for partner in partners
            )
            html += _field(labels["partners"], f'<ul class="chips">{chips}</ul>')
        else:
            nobody = f'<span class="muted">{escape(labels["nobody"])}</span>'
            html += _field(labels["partners"], nobody)
        if coalition.next_step:
            html += _field(labels["next_step"], escape(coalition.next_step))
        # Straight in the list (a <dl> holds only dt/dd groups): a line above the first.
        people = [
            (labels[key], escape(", ".join(map(str, users))))
            for key, users in (
                ("leads", coalition.leads),
                ("participants", coalition.participants),
                ("informed", coalition.informed),
            )
            if users
        ]
        for index, (term, names) in enumerate(people):
            html += _field(term, names, css="people-start" if index == 0 else "")
        return f'<dl class="card-fields">{html}</dl>\n'

    def _footer(self, coalition):
        """Return the card's controls: take part, edit, and (for those who may) the
        choice of trekkers."""
        access, urls = self.access, self.context["urls"]
        role = coalition.role_of(self.context["user"])
        html = '<footer class="card-actions">\n' + self._participation(coalition, role) + "\n"
        if access.can_edit_coalition(coalition):
            url = f"{urls['coalitions']}{coalition.id}/bewerken/#coalition-{coalition.id}"
            saved = (self.context.get("saved") or {}).get("coalition") == coalition.id
            html += _edit_link(url, self.labels["edit"], coalition.name, saved)
        members = coalition.members.all()
        if members and access.can_choose_leads(coalition):
            html += self._lead_picker(coalition, members)
        return html + "</footer>\n"

    def _participation(self, coalition, role):
        """Return the form with which someone joins, follows or leaves the coalition."""
        labels = self.labels
        me, buttons = _PARTICIPATION[role]
        autofocus = "autofocus " if self.context.get("focus") == "participation" else ""
        name = escape(coalition.name)
        html = (
            f'<form method="post" action="{escape(self.context["urls"]["coalitions"])}'
            f'{coalition.id}/meedoen/" hx-target="closest article">{_csrf_input(self.context)}'
        )
        if me:
            html += f'<span class="me">{escape(labels[me])}</span>'
        for value, label, css, named in buttons:
            hidden = f'<span class="visually-hidden"> — {name}</span>' if named else ""
            html += (
                f'<button type="submit" name="choice" {autofocus}value="{value}" class="{css}">'
                f"{escape(labels[label])}{hidden}</button>"
            )
        return html + "</form>"

    def _lead_picker(self, coalition, members):
        """Return the list with which trekkers (and those who run the network) choose who
        leads. One trekker always stays: the only one gets no button."""
        labels, pk = self.labels, coalition.id
        url = f"{escape(self.context['urls']['coalitions'])}{pk}/trekkers/"
        roles = choice_labels(CoalitionRole)
        only_lead = len(coalition.leads) == 1
        is_open = " open" if self.context.get("focus") == "leads" else ""
        html = (
            f'<details class="lead-picker"{is_open}>\n'
            f"<summary>{escape(labels['choose_leads'])}"
            f'<span class="visually-hidden"> — {escape(coalition.name)}</span></summary>\n'
            '<ul class="lead-list">\n'
        )
        for member in members:
            name = escape(str(member.user))
            lead = member.role == CoalitionRole.LEAD
            html += f'<li>\n<span class="lead-name">{name}</span>\n'
            if lead and only_lead:
                html += f'<span class="lead-role">{escape(labels["only_lead"])}</span>\n'
            else:
                value, css, label = (
                    ("lid", "text-button", labels["step_down"])
                    if lead
                    else ("trekker", "button small", labels["make_lead"])
                )
                html += (
                    f'<span class="lead-role">{escape(roles[member.role])}</span>\n'
                    f'<form method="post" action="{url}" hx-post="{url}"'
                    f' hx-target="#coalition-{pk}" hx-swap="outerHTML">\n'
                    f"{_csrf_input(self.context)}\n"
                    f'<input type="hidden" name="member" value="{member.pk}">\n'
                    f'<button type="submit" name="role" value="{value}" class="{css}">'
                    f'{escape(label)}<span class="visually-hidden"> — {name}</span></button>\n'
                    "</form>\n"
                )
            html += "</li>\n"
        return html + "</ul>\n</details>\n"


# A coalition card's own line: what this person is in it, and the buttons to change it.
# Role → (what it says, the buttons: (value, label, class, name the coalition)).
_PARTICIPATION = {
    "": (
        None,
        [
            ("lid", "join", "button small primary", True),
            ("informed", "inform", "text-button", True),
        ],
    ),
    "informed": (
        "me_informed",
        [("lid", "join", "button small primary", True), ("weg", "uninform", "text-button", False)],
    ),
    "lid": ("me_member", [("weg", "leave", "text-button", True)]),
    "trekker": ("me_lead", [("weg", "leave", "text-button", True)]),
}
