"""The board's repeated parts: notes, dots, prompts, lanes and cards, from Jinja2 templates.

A board repeats a note up to hundreds of times and a card tens of times. In Django's
template language those parts cost 4.5 times the CPU of the whole board before
(`manage.py bench`: 140 ms against 31 ms a board of 400 notes); Jinja2 compiles a
template to Python and renders them at a fraction of that. So their markup lives in
templates/board/parts/*.jinja (autoescaped like every template) and the board template
renders each with `{% part "name" %}` (templatetags/board.py).

Their texts come translated from here (`labels` and the functions below), where
makemessages finds them.
"""

from functools import cache

import jinja2
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from markupsafe import Markup

from canvas.board.read import board_labels
from canvas.prompts import NOTE_BLOCKS
from canvas.replies.forms import ReplyForm
from canvas.replies.markup import count_text
from canvas.replies.models import Reply
from coalitions.models import CoalitionRole, CoalitionStatus, WorkForm, choice_labels


@cache
def environment():
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(settings.BASE_DIR / "templates"),
        autoescape=True,
        auto_reload=settings.DEBUG,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,  # like Django: a missing value is empty
    )
    env.globals.update(TEXTS)
    return env


# What a part may read of the board template's context (besides its own objects).
SHARED = ("network", "room", "readonly", "presenting", "state", "urls", "focus", "error")
SHARED += ("saved", "user", "version")
OWN = ("section", "ambition", "coalition", "item", "note", "prompt", "notes", "hidden", "clusters")


def render_part(name, context, **values):
    """Render templates/board/parts/`name`.jinja with the Django `context`'s values."""
    data = {key: context.get(key) for key in SHARED + OWN}
    data["labels"] = context.get("labels") or board_labels()
    # A read-only rendering (a version, the projector) has no controls at all.
    data["access"] = None if data["readonly"] else context.get("access")
    data["ballot"] = getattr(data["room"], "ballot", None)  # this person's part in the vote
    user = data["user"]
    data["me"] = user.pk if user is not None and user.is_authenticated else None
    data["shared"] = data["me"] is None  # a part pushed to everyone of an audience
    data["may_cluster"] = _may_cluster(data["access"], data["room"])
    data["csrf_input"] = lambda: _csrf_input(context)
    data["django_partial"] = lambda name, **more: _django_partial(context, name, more)
    data["open_replies"] = lambda note, count: _open_replies(context, note, count)
    data.update(values)
    return environment().get_template(f"board/parts/{name}.jinja").render(data)


def _may_cluster(access, room):
    """Return whether this audience may cluster now: members not during silent writing."""
    if access is None:
        return False
    workshop = getattr(room, "workshop", None)
    return access.can_cluster(workshop is not None and workshop.silent)


def _csrf_input(context):
    """Return what {% csrf_token %} renders (read only where a form needs it: reading the
    token sets the cookie)."""
    token = context.get("csrf_token")
    if not token or token == "NOTPROVIDED":
        return ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def _django_partial(context, name, values):
    """Render a partial of the board template (a form, rarely open) within a part."""
    with context.push(**values):
        return get_template(f"board/board.html#{name}").template.render(context)


def _open_replies(context, note, count):
    """Render a note's open replies (“Waarom?”; one note of a page at most, opened without
    JavaScript by ?reacties=<pk>): replies/replies.html, as its view renders them."""
    access, state = context.get("access"), context.get("state")
    replies = Reply.objects.visible_to(access.user).filter(note_id=note.id)
    values = {
        "note": note,
        "open": True,
        "count": count,
        "count_text": count_text(count),
        "replies": list(replies.select_related("author")),
        "form": state.form or ReplyForm(),
        "focus": "text" if state.form is not None else "",
    }
    with context.push(**values):
        return get_template("replies/replies.html#replies").template.render(context)


# -- texts and the small rules a template cannot say -----------------------------------


def votes_text(votes):
    return ngettext("%(votes)s stem", "%(votes)s stemmen", votes) % {"votes": votes}


def mine_text(mine):
    return ngettext("Jij: %(mine)s stip.", "Jij: %(mine)s stippen.", mine) % {"mine": mine}


def total_text(total):
    return ngettext("%(total)s in totaal", "%(total)s in totaal", total) % {"total": total}


def hidden_text(n, everyone=False):
    """Return how many notes wait for the reveal: others' (a person's own board), or
    everyone's (the part pushed to all, where one's own hidden notes are counted too)."""
    if everyone:
        return ngettext(
            "%(n)s verborgen notitie, tot de onthulling",
            "%(n)s verborgen notities, tot de onthulling",
            n,
        ) % {"n": n}
    return ngettext(
        "%(n)s verborgen notitie van iemand anders, tot de onthulling",
        "%(n)s verborgen notities van anderen, tot de onthulling",
        n,
    ) % {"n": n}


def prompt_texts(prompt):
    """Return a prompt's texts: its notes' label, the add link's noun and hidden ending,
    and the title of its guiding questions."""
    title = prompt.title
    return {
        "notes": gettext("Notities bij %(title)s") % {"title": title},
        "add": gettext("toevoegen bij %(title)s") % {"title": title},
        "noun": gettext("Spelregel") if prompt.block == "rules" else gettext("Notitie"),
        "hints": gettext("Hulpvraag") if len(prompt.questions) == 1 else gettext("Hulpvragen"),
        "cluster_where": gettext("maken bij %(title)s") % {"title": title},
    }


def cluster_texts():
    return {
        "cluster": gettext("Cluster"),
        "name": gettext("Naam van de nieuwe cluster"),
        "make": gettext("Cluster maken"),
        "dissolve": gettext("Opheffen"),
    }


def for_ambition(title):
    return gettext("voor %(title)s") % {"title": title}


def item_name(item):
    """Return what names a note, ambition or coalition to a screen reader."""
    return getattr(item, "text", "") or getattr(item, "title", "") or item.name


def people_of(coalition, labels):
    """Return [(label, names)] of who leads, takes part and is kept informed."""
    groups = (
        ("leads", coalition.leads),
        ("participants", coalition.participants),
        ("informed", coalition.informed),
    )
    return [(labels[key], ", ".join(map(str, users))) for key, users in groups if users]


def contacts_of(coalition, labels, user):
    """Return [(label, [(name, address)])] of who leads, takes part and is kept informed.

    Addresses (of people who allow it) go only to someone in the coalition themselves,
    never to a guest; everyone else gets "" for each.
    """
    inside = (
        user is not None and not getattr(user, "is_guest", True) and bool(coalition.role_of(user))
    )
    groups = (
        ("leads", coalition.leads),
        ("participants", coalition.participants),
        ("informed", coalition.informed),
    )
    return [
        (labels[key], [(str(person), person.shared_email if inside else "") for person in people])
        for key, people in groups
        if people
    ]


def open_actions(coalition):
    """Return the coalition's open actions, the next first: read along on the board, or
    (a model instance, such as the newer card beside a conflicting form) read now."""
    if hasattr(coalition, "open_actions"):
        return coalition.open_actions
    return list(coalition.actions.open().by_due().select_related("owner"))


def action_meta(action):
    """Return who does the action and by when: “Bob, 14 maart 2027”."""
    parts = [str(action.owner) if action.owner else gettext("nog niemand")]
    if action.due_on:
        parts.append(date_format(action.due_on))
    return ", ".join(parts)


def open_actions_text(n):
    return ngettext("%(n)s open actie", "%(n)s open acties", n) % {"n": n}


# A coalition card's own line: what this person is in it, and the buttons to change it.
# Role → (what it says, the buttons: (value, label, class, name the coalition)).
PARTICIPATION = {
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


def choices(kind):
    return choice_labels({"status": CoalitionStatus, "work_form": WorkForm}[kind])


def role_label(role):
    return choice_labels(CoalitionRole)[role]


# A note's <li> as one kind of viewer sees it, by everything it is made of. Most notes look
# the same to everyone but their author; rendering 400 of them is most of a board's CPU.
NOTES_KEPT = 10_000  # about 2 kB each with its key; past this the store starts again
_rendered_notes = {}
_TOKEN = "\x00csrf\x00"  # where a form (a rule's status, a dot) has the request's token


@jinja2.pass_context
def note_once(context, note, render):
    """Return `render(note)` (the note_item macro), from the store when the same note was
    rendered before for the same kind of viewer.

    The key holds the note's row (every field), the language, the note URLs' prefix, each
    fact about the viewer the markup reads and the viewer's dots on it in the open vote;
    a form (a rule's status, a dot) keeps a mark for the CSRF token, which each request
    fills in with its own. A note whose markup holds more (an open form, a focus, an
    error) is rendered each time.
    """
    state = context.get("state")
    if context.get("focus") or context.get("error") or (state and state.pk == note.id):
        return render(note)
    access, room, me = context.get("access"), context.get("room"), context.get("me")
    ballot = context.get("ballot")
    dots = ballot.on(note) if ballot else None
    forms = note.is_rule or dots is not None
    key = (
        note,
        translation.get_language(),
        context.get("urls").notes,
        me is not None and note.author_id == me,
        context.get("may_cluster"),
        context.get("shared"),
        access
        and (
            access.can_edit_note(note),
            access.edits_everything,
            access.can_contribute,
            note.is_rule and access.can_toggle_rule(note),
        ),
        room.reply_counts.get(note.id, 0) if room else None,
        dots and (ballot.vote.pk, dots),
    )
    html = _rendered_notes.get(key)
    if html is None:
        html = render(note)
        token = forms and context.get("csrf_input")()
        if len(_rendered_notes) >= NOTES_KEPT:
            _rendered_notes.clear()
        _rendered_notes[key] = html.replace(token, _TOKEN) if token else html
        return html
    return Markup(html.replace(_TOKEN, context.get("csrf_input")())) if forms else html


TEXTS = {
    "note_once": note_once,
    "votes_text": votes_text,
    "mine_text": mine_text,
    "total_text": total_text,
    "hidden_text": hidden_text,
    "reply_count_text": count_text,
    "prompt_texts": prompt_texts,
    "for_ambition": for_ambition,
    "cluster_texts": cluster_texts,
    "item_name": item_name,
    "people_of": people_of,
    "contacts_of": contacts_of,
    "open_actions": open_actions,
    "action_meta": action_meta,
    "open_actions_text": open_actions_text,
    "participation": PARTICIPATION,
    "choices": choices,
    "role_label": role_label,
    "url": lambda name, *args: reverse(name, args=args),
    "note_blocks": NOTE_BLOCKS,
}
