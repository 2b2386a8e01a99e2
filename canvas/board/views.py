"""The board page and the projector's page."""

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from canvas.board.projector import Stage
from canvas.board.read import BoardState
from canvas.board.render import DELETABLE, board_context, may_delete, render_board, undo_offer
from canvas.live.events import live_context
from canvas.models import Note
from coalitions.models import Coalition
from networks.access import get_access
from networks.params import parse_id
from networks.site import join_address, site_url


def _undo_note(request, access):
    """Return the undo of the note the person just deleted without JavaScript."""
    pk = parse_id(request.GET.get("verwijderd"))
    if pk is None:
        return None
    notes = Note.all_objects.readable_by(access.user)  # not someone else's hidden note
    note = notes.deleted().filter(network=access.network, pk=pk).first()
    if note is None or not access.can_edit_note(note):
        return None
    url = reverse("canvas:restore_note", args=[access.network.slug, note.pk])
    return {"name": note.text, "url": url}


def _undo_band_item(request, access):
    """Return the undo of the ambition or coalition just deleted without JavaScript.

    `?verwijderd=ambitie-<pk>` or `coalitie-<pk>`; None for anything else.
    """
    word, _sep, pk = request.GET.get("verwijderd", "").partition("-")
    model = next((m for m, (w, *_rest) in DELETABLE.items() if w == word), None)
    pk = parse_id(pk)
    if model is None or pk is None:
        return None
    items = model.all_objects.deleted().filter(network=access.network)
    if model is Coalition:
        items = items.prefetch_related("members")  # who may undo it
    else:
        items = items.readable_by(access.user)  # not someone else's hidden ambition
    item = items.filter(pk=pk).first()
    if item is None or not may_delete(access, item):
        return None
    return undo_offer(access, item)


@require_safe
def board(request, slug):
    access = get_access(request, slug)
    live = live_context(access.network)  # before the board's queries: see position()
    # ?reacties=<note pk>: that note's replies open (“Waarom?” without JavaScript).
    replies = parse_id(request.GET.get("reacties"))
    return render_board(
        request,
        access,
        state=BoardState("replies", pk=replies) if replies else None,
        undo_item=_undo_note(request, access) or _undo_band_item(request, access),
        live=live,
    )


# The projector's parts that follow the room on their own: ?deel=…
_PRESENT_PARTS = {"podium": "podium", "uitslag": "vote-chart", "betrokkenheid": "commitments-chart"}


@require_safe
@vary_on_headers("HX-Request")
def present(request, slug):
    """Show the workshop's current step, large, for the projector: live.

    Between steps (no workshop, or none chosen yet) the whole canvas. With htmx,
    `?deel=` returns one part of the page: what live.js fetches after an event.
    """
    access = get_access(request, slug)
    part = _PRESENT_PARTS.get(request.GET.get("deel")) if request.htmx else None
    live = None if part else live_context(access.network, projector=True)  # before queries
    stage = Stage(access.network)
    context = board_context(
        access, room=stage.room, readonly=True, presenting=True, stage=stage, live=live
    )
    workshop = stage.workshop
    if workshop is not None and workshop.join_link and workshop.join_link.is_valid:
        # The address and QR code of the room: the same as the code screen's.
        context["join_address"] = join_address(request)
        context["join_qr"] = workshop.join_link.qr_svg(site_url(request))
    template = "board/present.html"
    return render(request, f"{template}#{part}" if part else template, context)
