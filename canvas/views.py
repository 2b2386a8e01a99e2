"""The board and its notes: read the canvas, and add, edit, delete, undo and move notes.

Each change answers an htmx request with only the fragment that changed, and a plain
form post with a redirect to the board (or the board with the form open, for errors).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from canvas.board import Board, BoardState, Room, board_labels, board_notes
from canvas.events import live_context, publish_change
from canvas.forms import MoveForm, NoteForm
from canvas.models import Note
from canvas.prompts import PROMPTS, RULES
from coalitions.models import Ambition, Coalition
from networks.access import get_access
from networks.models import Activity
from networks.params import parse_id

BOARD = "canvas/board.html"


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
        "urls": {
            "notes": reverse("canvas:note", args=[slug, 0]).removesuffix("0/"),
            "prompts": reverse("canvas:prompt", args=[slug, "x"]).removesuffix("x/"),
            "rules": reverse("canvas:toggle_rule", args=[slug, 0]).removesuffix("0/status/"),
            "ambitions": reverse("coalitions:edit_ambition", args=[slug, 0]).removesuffix(
                "0/bewerken/"
            ),
            "coalitions": reverse("coalitions:band", args=[slug]),
            "dot": reverse("workshop:dot", args=[slug]),
        },
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
    return render(request, BOARD, context, status=status)


def _undo_note(request, access):
    """Return the undo of the note the person just deleted without JavaScript."""
    pk = parse_id(request.GET.get("verwijderd"))
    if pk is None:
        return None
    notes = Note.objects.readable_by(access.user)  # not someone else's hidden note
    note = notes.filter(network=access.network, pk=pk, deleted_at__isnull=False).first()
    if note is None or not access.can_edit_note(note):
        return None
    url = reverse("canvas:restore_note", args=[access.network.slug, note.pk])
    return {"name": note.text, "url": url}


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


def _undo_band_item(request, access):
    """Return the undo of the ambition or coalition just deleted without JavaScript.

    `?verwijderd=ambitie-<pk>` or `coalitie-<pk>`; None for anything else.
    """
    word, _sep, pk = request.GET.get("verwijderd", "").partition("-")
    model = next((m for m, (w, *_rest) in DELETABLE.items() if w == word), None)
    pk = parse_id(pk)
    if model is None or pk is None:
        return None
    items = model.all_objects.filter(network=access.network, deleted_at__isnull=False)
    if model is Coalition:
        items = items.prefetch_related("members")  # who may undo it
    item = items.filter(pk=pk).first()
    if item is None or not may_delete(access, item):
        return None
    return undo_offer(access, item)


@require_safe
def board(request, slug):
    access = get_access(request, slug)
    live = live_context(access.network)  # before the board's queries: see position()
    return render_board(
        request,
        access,
        undo_item=_undo_note(request, access) or _undo_band_item(request, access),
        live=live,
    )


@require_safe
def present(request, slug):
    """Show the canvas and nothing else, in large type, for the projector: live."""
    access = get_access(request, slug)
    live = live_context(access.network)
    return render_board(request, access, readonly=True, presenting=True, live=live)


def _changed(request, access, note):
    """Tell the other open boards that this note (and so its prompt's list) changed.

    The event names only keys: each board fetches the prompt again with its viewer's own
    permissions, so a hidden note never travels to anyone but its author.
    """
    keys = [f"prompt-{note.prompt}", f"note-{note.pk}"]
    if note.hidden:
        keys.append("hidden-notes")  # the facilitator's count of notes to reveal
    publish_change(request, access.network, *keys)


def _log_note(access, user, note, action, **changes):
    """Log a change to a note; a hidden note's text stays out of the log until its reveal,
    and an anonymous note's changes carry no name."""
    if note.hidden:
        subject, changes = _("verborgen notitie (stil schrijven)"), {}
    else:
        subject = note.text
    who = None if note.anonymous else user
    Activity.record(access.network, who, note.block, action, subject, prompt=note.prompt, **changes)


def _prompt_or_404(slug):
    if slug not in PROMPTS:
        raise Http404
    return PROMPTS[slug]


def _note_or_404(access, pk, **filters):
    # Deleted notes are found too: they answer with a message, not a 404. Someone else's
    # hidden note does not exist for anyone but its author, facilitators included.
    notes = Note.objects.readable_by(access.user)
    return get_object_or_404(notes, network=access.network, pk=pk, **filters)


def for_projector(request):
    """Return whether a fragment is fetched for the projector (live.js asks with ?projector=1).

    The projector shows what everyone may see, without controls: nobody's hidden notes,
    nobody's dots.
    """
    return request.GET.get("projector") == "1"


def _render_prompt(request, access, prompt, *, state=None, status=200, room=None, **extra):
    viewer = None if extra.get("presenting") else access.user
    room = room or Room(access.network, viewer)
    context = board_context(
        access,
        room=room,
        prompt=prompt,
        notes=board_notes(Note.objects.under(access.network, prompt, viewer)),
        hidden=room.hidden_counts.get(prompt.slug, 0),
        state=state or BoardState(),
        **extra,
    )
    return render(request, f"{BOARD}#prompt-notes", context, status=status)


def _render_note(request, access, note, *, focus="", status=200):
    context = board_context(access, note=note, focus=focus)
    return render(request, f"{BOARD}#note", context, status=status)


def _note_gone(request, access, note, text=""):
    """Answer an action on a note that was deleted meanwhile (in another tab, by another)."""
    message = _("Deze notitie is intussen verwijderd; je wijziging is niet opgeslagen.")
    if request.htmx:
        context = board_context(access, note=note, message=message, text=text)
        return render(request, f"{BOARD}#note-gone", context, status=409)
    messages.error(request, message)
    return render_board(request, access, status=409)


@require_safe
@vary_on_headers("HX-Request")
def prompt_notes(request, slug, prompt):
    """Return a prompt's notes (the add form's "cancel")."""
    access = get_access(request, slug)
    prompt = _prompt_or_404(prompt)
    if not request.htmx:
        return redirect(board_url(access.network, f"prompt-{prompt.slug}"))
    if for_projector(request):
        return _render_prompt(request, access, prompt, readonly=True, presenting=True)
    return _render_prompt(request, access, prompt, focus="add")


@vary_on_headers("HX-Request")
def add_note(request, slug, prompt):
    access = get_access(request, slug)
    access.require(access.can_contribute)
    prompt = _prompt_or_404(prompt)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        room = Room(access.network, access.user)
        silent = room.workshop is not None and room.workshop.silent
        note = Note.add(
            access.network, prompt, form.cleaned_data["text"], request.user, hidden=silent
        )
        _log_note(access, request.user, note, Activity.Action.CREATED, after={"text": note.text})
        _changed(request, access, note)
        if not request.htmx:
            return redirect(board_url(access.network, f"note-{note.pk}"))
        # The form stays open, empty, for the next note: workshops write in bursts.
        state = BoardState("note-add", prompt=prompt.slug, form=NoteForm())
        return _render_prompt(request, access, prompt, state=state, room=room)
    status = 422 if request.method == "POST" else 200
    state = BoardState("note-add", prompt=prompt.slug, form=form)
    if request.htmx:
        return _render_prompt(request, access, prompt, state=state, status=status)
    return render_board(request, access, state=state, status=status)


@require_safe
@vary_on_headers("HX-Request")
def note_detail(request, slug, pk):
    """Return one note (the edit form's "cancel")."""
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    if not request.htmx:
        return redirect(board_url(access.network, f"note-{note.pk}"))
    if note.is_deleted:
        return _note_gone(request, access, note)
    return _render_note(request, access, note, focus="edit")


@vary_on_headers("HX-Request")
def edit_note(request, slug, pk):
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    access.require(access.can_edit_note(note))
    if note.is_deleted:
        return _note_gone(request, access, note, text=request.POST.get("text", ""))
    before = note.text
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if not note.edit(text, form.cleaned_data["version"]):
            if note.is_deleted:
                return _note_gone(request, access, note, text=text)
            return _note_conflict(request, access, note, text)
        _log_note(
            access,
            request.user,
            note,
            Activity.Action.EDITED,
            before={"text": before},
            after={"text": note.text},
        )
        _changed(request, access, note)
        if not request.htmx:
            return redirect(board_url(access.network, f"note-{note.pk}"))
        return _render_note(request, access, note, focus="edit")
    status = 422 if request.method == "POST" else 200
    if request.htmx:
        context = board_context(access, note=note, form=form)
        return render(request, f"{BOARD}#note-form", context, status=status)
    state = BoardState("note-edit", pk=note.pk, form=form)
    return render_board(request, access, state=state, status=status)


def _note_conflict(request, access, note, text):
    """Answer a save over a newer version: the other's text beside one's own, to choose.

    The form now carries the newer version: saving keeps one's own text (or the merge
    one typed), cancelling keeps the other's.
    """
    form = NoteForm(instance=note, initial={"text": text})
    if request.htmx:
        context = board_context(access, note=note, form=form, conflict=True)
        return render(request, f"{BOARD}#note-form", context, status=409)
    state = BoardState("note-edit", pk=note.pk, form=form, conflict=True)
    return render_board(request, access, state=state, status=409)


@require_POST
@vary_on_headers("HX-Request")
def delete_note(request, slug, pk):
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    access.require(access.can_edit_note(note))
    if note.is_deleted:
        return _note_gone(request, access, note)
    note.soft_delete()
    _log_note(access, request.user, note, Activity.Action.DELETED)
    _changed(request, access, note)
    if not request.htmx:
        return redirect(board_url(access.network, "undo", verwijderd=note.pk))
    return render(request, f"{BOARD}#note-deleted", board_context(access, note=note))


@require_POST
@vary_on_headers("HX-Request")
def restore_note(request, slug, pk):
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    access.require(access.can_edit_note(note))
    if note.is_deleted:
        note.restore()
        _log_note(access, request.user, note, Activity.Action.RESTORED)
        _changed(request, access, note)
    if not request.htmx:
        return redirect(board_url(access.network, f"note-{note.pk}"))
    return _render_note(request, access, note, focus="edit")


@require_POST
@vary_on_headers("HX-Request")
def move_note(request, slug, pk):
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    access.require(access.can_edit_note(note))
    if note.is_deleted:
        return _note_gone(request, access, note)
    prompt = PROMPTS[note.prompt]
    form = MoveForm(request.POST)
    if not form.is_valid():
        error = form.errors["direction"][0]
        if request.htmx:
            return _render_prompt(request, access, prompt, status=422, error=error)
        messages.error(request, error)
        return render_board(request, access, status=422)
    direction = form.cleaned_data["direction"]
    if note.move(direction):
        _log_note(access, request.user, note, Activity.Action.MOVED, after={"direction": direction})
        _changed(request, access, note)
    if not request.htmx:
        url = reverse("canvas:edit_note", args=[access.network.slug, note.pk])
        return redirect(f"{url}#note-{note.pk}")
    # Moving happens from the note's editor: it stays open, with any unsaved text.
    initial = {"text": request.POST.get("text", note.text)}
    if parse_id(request.POST.get("version")):
        initial["version"] = request.POST["version"]  # the version the editor started from
    form = NoteForm(instance=note, initial=initial)
    state = BoardState("note-edit", pk=note.pk, form=form)
    return _render_prompt(request, access, prompt, state=state, focus=direction)


@require_POST
@vary_on_headers("HX-Request")
def toggle_rule(request, slug, pk):
    """Flip a spelregel between voorstel and afgesproken."""
    access = get_access(request, slug)
    note = _note_or_404(access, pk, block=RULES.slug)
    access.require(access.can_toggle_rule(note))
    if note.is_deleted:
        return _note_gone(request, access, note)
    before = note.status
    note.toggle_status()
    _log_note(
        access,
        request.user,
        note,
        Activity.Action.EDITED,
        before={"status": before},
        after={"status": note.status},
    )
    _changed(request, access, note)
    if not request.htmx:
        return redirect(board_url(access.network, f"note-{note.pk}"))
    return _render_note(request, access, note, focus="status")
