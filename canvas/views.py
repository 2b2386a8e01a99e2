"""The canvas's notes: add, edit, delete, undo and move them; and the page about the canvas.

Each change answers an htmx request with only the fragment that changed, and a plain
form post with a redirect to the board (or the board with the form open, for errors).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from canvas.board.read import BoardState, Room, board_notes, prompt_clusters
from canvas.board.render import BOARD, board_context, board_url, for_projector, render_board
from canvas.forms import ClusterForm, MergeForm, MoveForm, MoveToForm, NoteForm
from canvas.live.events import publish_change
from canvas.models import Cluster, Note
from canvas.prompts import COALITIONS_BLOCK, NOTE_BLOCKS, PROMPTS, RULES
from canvas.workshops.models import merge_notes
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


def _note_added(request, access, note):
    """Tell the boards of a new note: its <li> travels and each board appends it to its
    prompt's list. The whole list travels where more than the note changes in it: for a
    hidden note (the count of notes to reveal; the note only to its author) and for a
    prompt's first note ("+ Cluster" appears for those who may cluster)."""
    prompt = PROMPTS[note.prompt]
    others = Note.objects.under(access.network, prompt, None).exclude(pk=note.pk)
    if note.hidden or not others.exists():
        publish_change(access.network, *_note_keys(note), by=request)
    else:
        publish_change(access.network, f"note-{note.pk}", by=request, into=f"prompt-{prompt.slug}")


def _note_changed_in_place(request, access, note):
    """Tell the boards that a note changed where it stands (its text, a rule's status):
    its own <li> travels, not its prompt's whole list (every open board gets it, so the
    size of a write's event is most of what a workshop's writing costs)."""
    publish_change(access.network, f"note-{note.pk}", by=request)


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
        clusters=prompt_clusters(access.network, prompt).get(prompt.slug, []),
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
        _note_added(request, access, note)
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
        _note_changed_in_place(request, access, note)
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
    _note_changed_in_place(request, access, note)
    if not request.htmx:
        return redirect(board_url(access.network, f"note-{note.pk}"))
    return _render_note(request, access, note, focus="status")


# Clustering: after the reveal the group sorts the notes of a prompt into named
# clusters, moves a note written under the wrong question to its prompt, and merges
# duplicates. Members may too, but not during silent writing (Access.can_cluster).
MOVE = "board/clustering.html"


def _require_cluster(access, room):
    access.require(access.can_cluster(room.workshop is not None and room.workshop.silent))


def _prompts_changed(request, access, prompts, *, room, status=200, error=None):
    """Answer with the notes of `prompts` (the first one the request's target, the others
    swapped out of band): a move changes two lists, and the live event skips this tab."""
    parts = []
    for i, prompt in enumerate(dict.fromkeys(prompts)):
        html = _render_prompt(
            request, access, prompt, room=room, status=status, error=error if i == 0 else None
        ).content.decode()
        if i:  # the fragment's own element, marked to replace its namesake on the page
            html = html.replace(
                '<div class="prompt-notes"', '<div hx-swap-oob="true" class="prompt-notes"', 1
            )
        parts.append(html)
    return HttpResponse("".join(parts), status=status)


@vary_on_headers("HX-Request")
def move_note_to(request, slug, pk):
    """Move a note into a cluster or to another prompt ("verplaats naar…"), or merge a
    duplicate into it: the keyboard's and no-JS way, and what dragging a note posts."""
    access = get_access(request, slug)
    note = _note_or_404(access, pk)
    room = Room(access.network, access.user)
    _require_cluster(access, room)
    if note.is_deleted:
        return _note_gone(request, access, note)
    data = request.POST if request.method == "POST" else None
    merging = data is not None and "merge" in data
    move_form = MoveToForm(None if merging else data, network=access.network, note=note)
    merge_form = MergeForm(data if merging else None, note=note)
    form = merge_form if merging else move_form
    status = 200
    if data is not None:
        status = 422
        if form.is_valid():
            done, source = _apply(request, room, note, form, merging)
            if done:
                keys = [f"prompt-{source}", f"prompt-{note.prompt}", f"note-{note.pk}"]
                if merging:
                    keys.append(f"note-{form.cleaned_data['other'].pk}")
                publish_change(access.network, *dict.fromkeys(keys), by=request)
                if not request.htmx:
                    return redirect(board_url(access.network, f"note-{note.pk}"))
                return _prompts_changed(
                    request, access, [PROMPTS[source], PROMPTS[note.prompt]], room=room
                )
            if done is None:  # stale: nothing changed
                status = 409
                form.add_error(
                    None,
                    _(
                        "Deze notitie is intussen gewijzigd of verplaatst; "
                        "er is niets veranderd. Bekijk haar opnieuw en kies nog eens."
                    ),
                )
        if request.htmx and request.headers.get("X-Drag") == "1":
            # A drop answers with the lists as they are now, the reason above them.
            errors = [*form.non_field_errors(), *form.errors.get("target", [])]
            errors += form.errors.get("revision", [])
            prompts = [PROMPTS[note.prompt]]
            return _prompts_changed(
                request, access, prompts, room=room, status=status, error=errors[0]
            )
    context = board_context(
        access, room=room, note=note, move_form=move_form, merge_form=merge_form
    )
    if request.htmx:
        response = render(request, f"{MOVE}#move-note", context, status=status)
        if data is not None:  # the forms post for the prompt's lists; faults stay in place
            response = reswap(retarget(response, f"#note-{note.pk}"), "outerHTML")
        return response
    return render(request, MOVE, context, status=status)


def _apply(request, room, note, form, merging):
    """Carry out a valid move or merge; return (True, source prompt slug), or (None, …)
    when the note changed meanwhile, or (False, …) when the merge does not fit or the move
    must wait for the vote on its prompt."""
    source = note.prompt
    revision = form.cleaned_data["revision"]
    if merging:
        other = form.cleaned_data["other"]
        try:
            merged = merge_notes(note, other, revision, other.revision, by=request.user)
        except ValidationError as error:
            form.add_error("other", error)
            return False, source
        return (True if merged else None), source
    prompt, cluster = form.cleaned_data["target"]
    vote = room.vote
    if prompt.slug != note.prompt and vote is not None and vote.is_open and vote.covers(note):
        # Its dots belong to this prompt's vote: they would follow it out of the count.
        form.add_error(
            "target",
            _(
                "Over de notities bij deze vraag wordt nu gestemd; verplaats deze notitie "
                "naar een andere vraag als de stemming gesloten is."
            ),
        )
        return False, source
    moved = note.move_to(prompt, cluster, revision, by=request.user)
    return (True if moved else None), source


@require_POST
@vary_on_headers("HX-Request")
def add_cluster(request, slug, prompt):
    """Make a named cluster under a prompt."""
    access = get_access(request, slug)
    prompt = _prompt_or_404(prompt)
    room = Room(access.network, access.user)
    _require_cluster(access, room)
    form = ClusterForm(request.POST)
    cluster = form.save_for(access.network, prompt) if form.is_valid() else None
    if cluster is not None:
        publish_change(access.network, f"prompt-{prompt.slug}", by=request)
        if not request.htmx:
            return redirect(board_url(access.network, f"cluster-{cluster.pk}"))
        return _render_prompt(request, access, prompt, room=room)
    context = board_context(access, room=room, prompt=prompt, cluster_form=form)
    if request.htmx:
        # The form posts for its prompt's list; its faults replace only the form.
        response = render(request, f"{MOVE}#cluster-form", context, status=422)
        return reswap(retarget(response, f"#cluster-add-{prompt.slug}"), "outerHTML")
    return render(request, MOVE, context, status=422)


@require_POST
@vary_on_headers("HX-Request")
def dissolve_cluster(request, slug, pk):
    """Dissolve a cluster: its notes stay under the prompt, outside any cluster."""
    access = get_access(request, slug)
    cluster = get_object_or_404(Cluster, network=access.network, pk=pk)
    room = Room(access.network, access.user)
    _require_cluster(access, room)
    prompt = PROMPTS[cluster.prompt]
    cluster.dissolve()
    publish_change(access.network, f"prompt-{prompt.slug}", by=request)
    if not request.htmx:
        return redirect(board_url(access.network, f"prompt-{prompt.slug}"))
    return _render_prompt(request, access, prompt, room=room)
