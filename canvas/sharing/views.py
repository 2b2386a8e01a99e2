"""Read-only links: made and revoked by facilitators and coordinators, opened by anyone."""

import dataclasses

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from canvas.board.read import Board, Related, Room, cards
from canvas.board.render import board_context
from canvas.records.interchange import export_network
from canvas.sharing.forms import ShareLinkForm
from canvas.sharing.models import ShareLink
from coalitions.models import Coalition
from networks.access import Access, get_access


def _list(request, access, form, status=200):
    links = access.network.share_links.select_related("coalition", "created_by")
    context = {"network": access.network, "access": access, "form": form, "links": links}
    return render(request, "sharing/links.html", context, status=status)


@require_http_methods(["GET", "POST"])
def share_links(request, slug):
    """List the network's read-only links and make a new one."""
    access = get_access(request, slug)
    access.require(access.edits_everything)
    form = ShareLinkForm(request.POST or None, network=access.network)
    if request.method == "POST":
        if not form.is_valid():
            return _list(request, access, form, status=422)
        link = form.create(access.network, request.user)
        messages.success(request, _("De leeslink is gemaakt. Kopieer hem hieronder."))
        return redirect(f"{request.path}#link-{link.pk}")
    return _list(request, access, form)


@require_POST
def share_link_revoke(request, slug, pk):
    access = get_access(request, slug)
    access.require(access.edits_everything)
    link = get_object_or_404(ShareLink, pk=pk, network=access.network)
    link.revoke()
    messages.success(request, _("De leeslink is ingetrokken: hij toont niets meer."))
    return redirect("sharing:links", access.network.slug)


def _without_names(document):
    """Return the canvas document without who wrote which note."""
    for block in document.values():
        if not isinstance(block, dict):
            continue
        for notes in block.values():
            for note in notes if isinstance(notes, list) else ():
                if isinstance(note, dict):
                    note.pop("author", None)
    return document


def _noindex(response):
    # Search engines may find a link someone posted: it is for people, not an index.
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response


@login_not_required
@require_safe
def shared(request, share_token):
    """Show what the link shares, read-only; an expired or revoked link says so (410)."""
    link = get_object_or_404(
        ShareLink.objects.select_related("network", "coalition"), token=share_token
    )
    if not link.is_valid or (link.coalition and link.coalition.is_deleted):
        response = render(request, "sharing/gone.html", {"link": link}, status=410)
        return _noindex(response)
    network = link.network
    # Nobody's access: every control and every personal part of the board stays off.
    access = Access(network, AnonymousUser(), None)
    room = Room.empty(network)
    if link.coalition:
        (coalition,) = cards(Coalition.objects.filter(pk=link.coalition_id))
        if not link.show_names:
            coalition = dataclasses.replace(coalition, members=Related())
        context = board_context(access, room=room, readonly=True, share=link, coalition=coalition)
        context["ambition"] = link.coalition.ambition
        response = render(request, "sharing/shared_coalition.html", context)
    else:
        if link.show_names:
            board = Board.load(network, None, room)
        else:
            board = Board.from_document(network, _without_names(export_network(network)))
        context = board_context(
            access,
            room=room,
            board=board,
            band=board.band,
            readonly=True,
            share=link,
            # Like a saved version: no commitments (they are people's names).
            version=None if link.show_names else link,
        )
        response = render(request, "sharing/shared_board.html", context)
    return _noindex(response)
