"""The canvas's notes: add, edit, delete, undo and move them; and the page about the canvas.

Each change answers an htmx request with only the fragment that changed, and a plain
form post with a redirect to the board (or the board with the form open, for errors).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from canvas.board.read import BoardState, Room, board_notes
from canvas.board.render import BOARD, board_context, board_url, for_projector, render_board
from canvas.forms import MoveForm, NoteForm
from canvas.live.events import publish_change
from canvas.models import Note
from canvas.prompts import COALITIONS_BLOCK, NOTE_BLOCKS, PROMPTS, RULES
from networks.access import get_access
from networks.params import parse_id


@login_not_required
@require_safe
def about(request):
    """Explain the Netwerk Canvas: its five blocks, the four paradoxes, its authors."""
    blocks = [*NOTE_BLOCKS, COALITIONS_BLOCK]  # numbered 1 to 5 as in the article
    return render(request, "canvas/about.html", {"blocks": blocks})


def _note_keys(note):
    """Return the parts of the board a change to `note` touches: its prompt's list, itself.

    The event names only keys: each board fetches the prompt again with its viewer's own
    permissions, so a hidden note never travels to anyone but its author.
    """
    keys = [f"prompt-{note.prompt}", f"note-{note.pk}"]
    if note.hidden:
        keys.append("hidden-notes")  # the facilitator's count of notes to reveal
    return keys


def _prompt_or_404(slug):
    if slug not in PROMPTS:
        raise Http404
    return PROMPTS[slug]


def _note_or_404(access, pk, **filters):
    # Deleted notes are found too: they answer with a message, not a 404. Someone else's
    # hidden note does not exist for anyone but its author, facilitators included.
    notes = Note.all_objects.readable_by(access.user)
    return get_object_or_404(notes, network=access.network, pk=pk, **filters)


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
        publish_change(access.network, *_note_keys(note), by=request)
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
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]
        if not note.edit(text, form.cleaned_data["revision"], by=request.user):
            if note.is_deleted:
                return _note_gone(request, access, note, text=text)
            return _note_conflict(request, access, note, text)
        publish_change(access.network, *_note_keys(note), by=request)
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
    """Answer a save over a newer revision: the other's text beside one's own, to choose.

    The form now carries the newer revision: saving keeps one's own text (or the merge
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
    note.soft_delete(by=request.user)
    publish_change(access.network, *_note_keys(note), by=request)
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
        note.restore(by=request.user)
        publish_change(access.network, *_note_keys(note), by=request)
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
    if note.move(direction, by=request.user):
        publish_change(access.network, *_note_keys(note), by=request)
    if not request.htmx:
        url = reverse("canvas:edit_note", args=[access.network.slug, note.pk])
        return redirect(f"{url}#note-{note.pk}")
    # Moving happens from the note's editor: it stays open, with any unsaved text.
    initial = {"text": request.POST.get("text", note.text)}
    if parse_id(request.POST.get("revision")):
        initial["revision"] = request.POST["revision"]  # the revision the editor started from
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
    note.toggle_status(by=request.user)
    publish_change(access.network, *_note_keys(note), by=request)
    if not request.htmx:
        return redirect(board_url(access.network, f"note-{note.pk}"))
    return _render_note(request, access, note, focus="status")
