"""What every fragment of the board needs: its template, context and URL, and the
rendering of the whole page (used by every room whose views answer with a board part)."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from canvas.board.parts import render_part
from canvas.board.read import (
    Band,
    Board,
    BoardState,
    Room,
    Texts,
    board_labels,
    board_notes,
    cards,
    prompt_clusters,
)
from canvas.live.events import RENDERERS
from canvas.models import Note
from canvas.prompts import PROMPTS
from coalitions.models import Ambition, Coalition, Commitment
from networks.access import Access
from networks.models import Membership
from networks.params import parse_id

BOARD = "board/board.html"
LEADS = (Membership.Role.FACILITATOR, Membership.Role.COORDINATOR)


def board_url(network, anchor="", **query):
    url = reverse("networks:detail", args=[network.slug])
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url + (f"#{anchor}" if anchor else "")


def board_context(access, *, room=None, **extra):
    """Return what every fragment of the board template needs besides its own objects.

    `room` is the running workshop as this person sees it (read only when a fragment
    asks: step, timer, the open vote).
    """
    slug = access.network.slug
    return {
        "network": access.network,
        "access": access,
        "room": room or Room(access.network, access.user),
        "readonly": False,
        "state": BoardState(),
        "labels": board_labels(),
        # Prefixes of the URLs of notes and cards: reversing URLs for each of 400 notes
        # costs more than the rest of the page. Their patterns end in "<pk>/…/".
        "urls": Texts(
            notes=reverse("canvas:note", args=[slug, 0]).removesuffix("0/"),
            prompts=reverse("canvas:prompt", args=[slug, "x"]).removesuffix("x/"),
            rules=reverse("canvas:toggle_rule", args=[slug, 0]).removesuffix("0/status/"),
            clusters=reverse("canvas:dissolve_cluster", args=[slug, 0]).removesuffix("0/opheffen/"),
            ambitions=reverse("coalitions:edit_ambition", args=[slug, 0]).removesuffix(
                "0/bewerken/"
            ),
            coalitions=reverse("coalitions:band", args=[slug]),
            dot=reverse("workshop:dot", args=[slug]),
        ),
        **extra,
    }


def render_board(request, access, *, state=None, status=200, presenting=False, **extra):
    """Render the whole board page, with the part that `state` names open as a form.

    The projector shows what everyone may see: nobody's hidden notes, nobody's dots.
    """
    viewer = None if presenting else access.user
    room = Room(access.network, viewer)
    context = board_context(
        access,
        room=room,
        board=Board.load(access.network, viewer, room),
        state=state or BoardState(),
        presenting=presenting,
        **extra,
    )
    context["band"] = context["board"].band
    if not presenting and not extra.get("readonly"):
        context["start_guide"] = _guides_the_start(access, context["board"])
    return render(request, BOARD, context, status=status)


def _guides_the_start(access, board):
    """Return whether the board shows the first steps instead of only an empty canvas.

    For those who run the network, while it is new: nothing on the board and nobody in it
    but facilitators and coordinators. It goes away by itself once either changes. The
    board is read already, so a network with content costs no query for this.
    """
    if not access.edits_everything or not board.is_empty:
        return False
    return not access.network.memberships.exclude(role__in=LEADS).exists()


# The band's cards that can be deleted: the word `?verwijderd=` names them by, who may
# delete them (and undo it), the view of the undo, and how the deleted card looks.
DELETABLE = {
    Ambition: ("ambitie", "can_delete_ambition", "coalitions:restore_ambition", "lane"),
    Coalition: ("coalitie", "can_delete_coalition", "coalitions:restore_coalition", "coalition"),
}


def may_delete(access, item):
    """Return whether this person may delete the ambition or coalition `item`, or undo it."""
    return getattr(access, DELETABLE[type(item)][1])(item)


def undo_offer(access, item):
    """Return what the undo of a deleted ambition or coalition shows: its name, the undo's
    URL, and the deleted card's anchor and class."""
    _word, _may, restore, kind = DELETABLE[type(item)]
    return {
        "name": str(item),
        "url": reverse(restore, args=[access.network.slug, item.pk]),
        "anchor": f"{type(item).__name__.lower()}-{item.pk}",
        "kind": kind,
    }


def for_projector(request):
    """Return whether a fragment is fetched for the projector (live.js asks with ?projector=1).

    The projector shows what everyone may see, without controls: nobody's hidden notes,
    nobody's dots.
    """
    return request.GET.get("projector") == "1"


# -- parts pushed live: rendered once per audience, never per person ------------------

# Every board that shows a part shows one of these variants: those who edit the whole
# canvas, members (guests too: their own notes' controls show by the page's `mine` marks),
# and the projector (no controls). Per person differs only what that person did: their
# dots, their hidden notes, which notes are theirs; live.js keeps those from the page.
AUDIENCES = {
    "facilitators": Membership.Role.FACILITATOR,  # they also steer: "Coalitie vormen"
    "editors": Membership.Role.COORDINATOR,
    "members": Membership.Role.MEMBER,
    "projector": None,
}


def register_live_parts():
    RENDERERS["prompt-"] = prompt_parts
    RENDERERS["note-"] = note_parts
    RENDERERS["commitments-"] = commitments_parts
    RENDERERS["coalition-"] = coalition_parts
    RENDERERS["band-"] = band_parts  # "band", as "workshop" below
    # render_parts looks a key up by what precedes its first "-": "workshop" is "workshop-".
    RENDERERS["workshop-"] = workshop_parts
    RENDERERS["vote-"] = vote_progress_parts


def audience_access(network, audience):
    """Return the access of everyone of `audience`: its role's, as nobody (in no coalition,
    author of nothing)."""
    role = AUDIENCES[audience]
    return Access(network, AnonymousUser(), role and Membership(role=role))


def audience_context(network, audience, **values):
    """Return the context of a part as everyone of `audience` sees it (in the active
    language)."""
    access = audience_access(network, audience)
    projector = AUDIENCES[audience] is None
    return board_context(
        access, user=access.user, readonly=projector, presenting=projector, **values
    )


def audience_rooms(network):
    """Return a function giving each audience the room it shares: the open vote with
    nobody's dots for those who vote, no vote of its own for the projector."""
    shared, projector = Room.shared(network), Room(network)
    return lambda audience: projector if audience == "projector" else shared


def _wanted(audiences, audience, language):
    """Return whether `audience` in `language` watches (all do when `audiences` is None)."""
    return audiences is None or f"{audience}:{language}" in audiences


# A prompt's notes look alike to all who edit the whole canvas: one variant for both.
EDITORS_ALIKE = {"facilitators": "editors"}


def prompt_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: a prompt's notes for each audience and language that
    watches (`audiences`; None: all), with nobody's hidden notes and nobody's dots."""
    prompt = PROMPTS.get(key.removeprefix("prompt-"))
    if prompt is None:
        return None
    notes = board_notes(Note.objects.under(network, prompt, None))
    room_of = audience_rooms(network)
    hidden = room_of("members").hidden_counts.get(prompt.slug, 0)
    clusters = prompt_clusters(network, prompt).get(prompt.slug, [])

    def part(audience):
        values = {"prompt": prompt, "notes": notes, "hidden": hidden, "clusters": clusters}
        context = audience_context(network, audience, room=room_of(audience), **values)
        return render_part("prompt_notes", context)

    return each_audience(audiences, part, alike=EDITORS_ALIKE)


def note_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: one note's <li>, for a new note (boards append it to
    the list its event names) or one changed where it stands (its text, a rule's status,
    its replies): a few hundred bytes to each board instead of its prompt's whole list.
    None for a note only its author sees (hidden): their other tabs fetch their own copy."""
    pk = parse_id(key.removeprefix("note-"))
    found = board_notes(Note.objects.visible_to(None).filter(network=network, pk=pk))
    if not found:
        return None
    room_of = audience_rooms(network)

    def part(audience):
        context = audience_context(network, audience, room=room_of(audience), note=found[0])
        return render_part("note", context)

    return each_audience(audiences, part, alike=EDITORS_ALIKE)


def commitments_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: who wants to be involved in an ambition, and how, for
    each audience and language that watches; nobody's own choice marked (the page keeps
    its person's)."""
    pk = parse_id(key.removeprefix("commitments-"))
    commitments = Commitment.objects.select_related("user").order_by("created_at", "id")
    ambition = (
        Ambition.objects.filter(network=network, pk=pk)
        .prefetch_related(Prefetch("commitments", queryset=commitments))
        .first()
    )
    if ambition is None:
        return None
    return each_audience(
        audiences,
        lambda audience: render_part(
            "commitments", audience_context(network, audience, ambition=ambition)
        ),
    )


def coalition_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: a coalition's card as those of each audience who are
    not in it see it (its people fetch their own: their controls, the addresses they may
    read; live.js knows them by the card's data-people); None when it is not on the board
    of everyone (gone, or under a hidden ambition)."""
    pk = parse_id(key.removeprefix("coalition-"))
    found = cards(
        Coalition.objects.filter(network=network, pk=pk).filter(
            Q(ambition__isnull=True) | Q(ambition__hidden=False, ambition__deleted_at=None)
        )
    )
    if not found:
        return None
    room_of = audience_rooms(network)

    def card(audience):
        context = audience_context(network, audience, room=room_of(audience), coalition=found[0])
        return render_part("coalition_card", context)

    return each_audience(audiences, card)


def band_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: the band of ambitions and coalitions for each
    audience and language that watches, as those who wrote none of it and are in none of
    its coalitions see it.

    Each page keeps its person's own: the mark on the ambitions they wrote (their edit
    link shows), their hidden ambitions, their levels and dots; and the cards of the
    coalitions they are in (data-people) stay as the page has them until their own copy
    is fetched (live.js)."""
    if key != "band":
        return None
    band = Band.load(network, None)  # nobody's hidden ambitions
    room_of = audience_rooms(network)

    def part(audience):
        context = audience_context(network, audience, room=room_of(audience), band=band)
        return render_to_string(f"{BOARD}#band", context)

    return each_audience(audiences, part)


def each_audience(audiences, render, alike=None):
    """Return {"members:nl": render("members"), …} for each audience and language that
    watches (`audiences`; None: all), each rendered in its language; an audience that
    `alike` maps to another gets that one's variant, rendered once for both."""
    parts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            rendered = {}
            for audience in AUDIENCES:
                if _wanted(audiences, audience, language):
                    variant = (alike or {}).get(audience, audience)
                    if variant not in rendered:
                        rendered[variant] = render(variant)
                    parts[f"{audience}:{language}"] = rendered[variant]
    return parts


def workshop_parts(network, key, audiences=None):
    """Return {"members:nl": HTML, …}: the bar above the board and the step card under it
    (two elements, each with its id), for each audience and language that watches.

    The bar's dots left are everyone's at the vote's opening (the page keeps its person's
    own figure of the same vote). The facilitator's panel holds forms with tokens: it is
    fetched, by one or two facilitators. No page of the projector's stream shows the bar
    (the present page's #podium is fetched), so it gets no variant.
    """
    if key != "workshop":
        return None
    room = Room.shared(network)
    parts = {}
    for language, _name in settings.LANGUAGES:
        watching = [a for a in AUDIENCES if a != "projector" and _wanted(audiences, a, language)]
        if not watching:
            continue
        with translation.override(language):
            # The bar and the step card look alike to every member, editor and facilitator.
            context = audience_context(network, "members", room=room)
            html = render_to_string(f"{BOARD}#workshop-bar", context) + render_to_string(
                f"{BOARD}#step-card", context
            )
        for audience in watching:
            parts[f"{audience}:{language}"] = html
    return parts


def vote_progress_parts(network, key, audiences=None):
    """Return {"facilitators:nl": HTML, …}: how many people voted (the facilitator's panel
    shows it: only facilitators get it), the same for each of them."""
    room = Room.shared(network)
    if key != "vote-progress" or room.vote is None:
        return None
    parts = {}
    for language, _name in settings.LANGUAGES:
        if _wanted(audiences, "facilitators", language):
            with translation.override(language):
                context = audience_context(network, "facilitators", room=room)
                parts[f"facilitators:{language}"] = render_to_string(
                    f"{BOARD}#vote-progress", context
                )
    return parts
