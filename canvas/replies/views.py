"""“Waarom?”: open a note's replies under it, and add one.

htmx swaps the note's replies (`#replies-<pk>`, toggle and thread); without JavaScript
the same links and form lead to the board with that note's replies open.
"""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from canvas.board.parts import render_part
from canvas.board.read import BoardState, Room
from canvas.board.render import board_context, board_url, render_board
from canvas.live.events import publish_change
from canvas.models import Note
from canvas.replies.forms import ReplyForm
from canvas.replies.markup import count_text
from canvas.replies.models import Reply
from networks.access import get_access

REPLIES = "replies/replies.html#replies"


def _note_or_404(access, pk):
    # Someone else's hidden note does not exist for anyone but its author.
    notes = Note.all_objects.readable_by(access.user)
    return get_object_or_404(notes, network=access.network, pk=pk)


def _open_url(note):
    return board_url(note.network, f"replies-{note.pk}", reacties=note.pk)


def _render(request, access, note, *, open=True, form=None, status=200, focus="", **extra):
    room = Room(access.network, access.user)
    count = room.reply_counts.get(note.pk, 0)
    context = board_context(
        access, room=room, note=note, open=open, count=count, focus=focus, **extra
    )
    if not open:
        # The board's own part (autoescaped), as under every note of the board.
        context["closed"] = mark_safe(render_part("replies", context))  # noqa: S308
    else:
        context["count_text"] = count_text(count)
        context["replies"] = list(
            Reply.objects.visible_to(access.user).filter(note=note).select_related("author")
        )
        context["form"] = form or ReplyForm()
    return render(request, REPLIES, context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def replies(request, slug, pk):
    """GET: the note's replies, open (or closed with `?dicht=1`). POST: add a reply."""
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    if request.method != "POST":
        closed = request.GET.get("dicht") == "1"
        if not request.htmx:
            if closed:
                return redirect(board_url(access.network, f"note-{note.pk}"))
            return redirect(_open_url(note))
        if note.is_deleted:
            return _render(request, access, note, open=False)
        return _render(request, access, note, open=not closed, focus="toggle")

    access.require(access.can_contribute)
    form = ReplyForm(request.POST)
    if note.is_deleted:
        gone = _("Deze notitie is intussen verwijderd; je reactie is niet opgeslagen.")
        return _render(request, access, note, form=form, status=409, gone=gone)
    if form.is_valid():
        room = Room(access.network, access.user)
        silent = room.workshop is not None and room.workshop.silent
        Reply.add(note, form.cleaned_data["text"], request.user, hidden=silent)
        # The note's <li> carries the count to every board (the projector's too); a thread
        # open on a page stays open there (its form is in use) and is fetched.
        publish_change(access.network, f"note-{note.pk}", f"replies-{note.pk}", by=request)
        if not request.htmx:
            return redirect(_open_url(note))
        # The form stays open, empty, for the next reply.
        return _render(request, access, note, focus="text")
    if request.htmx:
        return _render(request, access, note, form=form, status=422, focus="text")
    state = BoardState("replies", pk=note.pk, form=form)
    return render_board(request, access, state=state, status=422)
