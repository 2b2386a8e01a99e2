"""Ambitions and coalition cards on the board's band: create, edit, delete, take part.

htmx requests get the band back (with the form open, or not); plain requests get the
whole board, so everything also works without JavaScript.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import retarget

from canvas.board.read import Band, BoardState, Room, cards
from canvas.board.render import (
    BOARD,
    DELETABLE,
    board_context,
    board_url,
    for_projector,
    may_delete,
    render_board,
    undo_offer,
)
from canvas.live.events import publish_change
from coalitions.forms import (
    AmbitionForm,
    CoalitionForm,
    CommitmentForm,
    LeadForm,
    ParticipationForm,
)
from coalitions.models import Ambition, Coalition, Commitment
from networks.access import get_access
from networks.params import parse_id
from networks.revisions import StaleRevision


def _render_band(request, access, *, state=None, status=200, **extra):
    """Answer htmx with the band, or a plain request with the whole board."""
    if not request.htmx:
        return render_board(request, access, state=state, status=status, **extra)
    viewer = access.user
    if extra.get("presenting"):
        extra["room"], viewer = Room(access.network, None), None
    context = board_context(
        access, band=Band.load(access.network, viewer), state=state or BoardState(), **extra
    )
    return render(request, f"{BOARD}#band", context, status=status)


def _band_keys(thing):
    """Return the parts of the board a change to an ambition or coalition touches."""
    return "band", f"{thing._meta.model_name}-{thing.pk}"  # "ambition-…" or "coalition-…"


def _show_saved(request, access, thing, *, notice=""):
    """Show the saved ambition or coalition, with the keyboard focus on it (and `notice`,
    a sentence on what changed, above the band)."""
    kind = thing._meta.model_name
    if not request.htmx:
        if notice:
            messages.info(request, notice)
        return redirect(board_url(access.network, f"{kind}-{thing.pk}"))
    return _render_band(request, access, saved={kind: thing.pk}, notice=notice)


@require_safe
@vary_on_headers("HX-Request")
def band(request, slug):
    """Return the band of ambitions and coalitions (the forms' "cancel")."""
    access = get_access(request, slug)
    if not request.htmx:
        return redirect(board_url(access.network, "band"))
    if for_projector(request):
        return _render_band(request, access, readonly=True, presenting=True)
    # ?terug=ambition-12 (or coalition-…, or …-nieuw): the focus goes back to what opened
    # the form, not to the page. Anything else is ignored.
    kind, _, pk = request.GET.get("terug", "").partition("-")
    if kind not in ("ambition", "coalition"):
        return _render_band(request, access)
    if pk == "nieuw":
        return _render_band(request, access, focus=f"{kind}-nieuw")
    return _render_band(request, access, saved={kind: parse_id(pk)})


@vary_on_headers("HX-Request")
def add_ambition(request, slug):
    access = get_access(request, slug)
    access.require(access.can_contribute)
    form = AmbitionForm(request.POST or None, network=access.network)
    if request.method == "POST" and form.is_valid():
        workshop = Room(access.network, access.user).workshop
        ambition = form.save(by=request.user, hidden=workshop is not None and workshop.silent)
        if not ambition.hidden:  # one written during silent writing is its author's alone
            publish_change(access.network, *_band_keys(ambition), by=request)
        return _show_saved(request, access, ambition)
    status = 422 if request.method == "POST" else 200
    return _render_band(request, access, state=BoardState("ambition-add", form=form), status=status)


@vary_on_headers("HX-Request")
def edit_ambition(request, slug, pk):
    access = get_access(request, slug)
    # Someone else's hidden ambition does not exist for anyone but its author.
    ambitions = Ambition.all_objects.visible_to(access.user)
    ambition = get_object_or_404(ambitions, network=access.network, pk=pk)
    access.require(access.can_edit_ambition(ambition))
    form = AmbitionForm(request.POST or None, instance=ambition, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            ambition = form.save(by=request.user)
        except StaleRevision:
            theirs = Ambition.all_objects.get(pk=ambition.pk)
            # A copy of its own for the form: validating the form writes into its instance.
            form = AmbitionForm(
                _with_revision(request, theirs),
                instance=Ambition.all_objects.get(pk=ambition.pk),
                network=access.network,
            )
            state = BoardState("ambition-edit", pk=theirs.pk, form=form, conflict=theirs)
            return _render_band(request, access, state=state, status=409)
        if not ambition.hidden:  # until the reveal its author's alone: no board to tell
            publish_change(access.network, *_band_keys(ambition), by=request)
        return _show_saved(request, access, ambition)
    status = 422 if request.method == "POST" else 200
    state = BoardState("ambition-edit", pk=ambition.pk, form=form)
    return _render_band(request, access, state=state, status=status)


@vary_on_headers("HX-Request")
def add_coalition(request, slug):
    access = get_access(request, slug)
    access.require(access.can_contribute)
    lane = None
    if request.method == "GET" and request.GET.get("ambitie"):
        # Opened from an ambition's lane: that ambition is the shared one.
        pk = parse_id(request.GET["ambitie"])
        if pk is None:
            raise Http404
        lane = get_object_or_404(Ambition, network=access.network, pk=pk)
    form = CoalitionForm(request.POST or None, network=access.network, initial={"ambition": lane})
    if request.method == "POST" and form.is_valid():
        coalition = form.save(by=request.user)
        publish_change(access.network, *_band_keys(coalition), by=request)
        return _show_saved(request, access, coalition)
    status = 422 if request.method == "POST" else 200
    if lane is None and form.is_bound:
        lane = form.cleaned_data.get("ambition")
    state = BoardState("coalition-add", ambition=lane.pk if lane else None, form=form)
    return _render_band(request, access, state=state, status=status)


@vary_on_headers("HX-Request")
def edit_coalition(request, slug, pk):
    access = get_access(request, slug)
    coalition = get_object_or_404(
        Coalition.objects.prefetch_related("members", "core_partners__actor"),
        network=access.network,
        pk=pk,
    )
    if not access.can_edit_coalition(coalition):
        return _join_to_edit(request, access, coalition)
    form = CoalitionForm(request.POST or None, instance=coalition, network=access.network)
    if request.method == "POST" and form.is_valid():
        try:
            coalition = form.save(by=request.user)
        except StaleRevision:
            return _coalition_conflict(request, access, coalition)
        publish_change(access.network, *_band_keys(coalition), by=request)
        return _show_saved(request, access, coalition)
    status = 422 if request.method == "POST" else 200
    state = BoardState("coalition-edit", pk=coalition.pk, form=form)
    return _render_band(request, access, state=state, status=status)


def _join_to_edit(request, access, coalition):
    """Answer a member who may not edit a coalition they are not in (403): not a bare
    refusal, but "doe mee om te bewerken" with the button to join; nothing changes."""
    template = "coalitions/join_to_edit.html"
    if request.htmx:
        template += "#join-to-edit"
    context = {"network": access.network, "access": access, "coalition": coalition}
    return render(request, template, context, status=403)


def _with_revision(request, current):
    """Return the posted form, now based on the revision saved meanwhile."""
    data = request.POST.copy()
    data["revision"] = current.revision
    return data


def _coalition_conflict(request, access, coalition):
    """Answer a save over a newer revision: their card beside one's own form, to choose.

    Saving again keeps one's own fields (or what one merged into them); cancelling keeps
    theirs.
    """
    theirs = Coalition.objects.prefetch_related("members__user", "core_partners__actor").get(
        pk=coalition.pk
    )
    # A copy of its own for the form: validating the form writes into its instance.
    form = CoalitionForm(
        _with_revision(request, theirs),
        instance=Coalition.objects.get(pk=coalition.pk),
        network=access.network,
    )
    state = BoardState("coalition-edit", pk=theirs.pk, form=form, conflict=theirs)
    return _render_band(request, access, state=state, status=409)


@require_safe
@vary_on_headers("HX-Request")
def card(request, slug, pk):
    """Return a coalition's card as this person sees it. A change to the card alone (who
    takes part, its trekkers, its actions) names only the card, so each open board fetches
    one card, not the whole band."""
    access = get_access(request, slug)
    coalition = get_object_or_404(Coalition, network=access.network, pk=pk)
    if coalition.ambition_id is not None and not (
        Ambition.all_objects.visible_to(request.user).filter(pk=coalition.ambition_id).exists()
    ):
        raise Http404  # under someone else's hidden ambition: not on this board
    if not request.htmx:
        return redirect(board_url(access.network, f"coalition-{coalition.pk}"))
    if for_projector(request):
        (coalition,) = cards(Coalition.objects.filter(pk=coalition.pk))
        context = board_context(access, coalition=coalition, readonly=True, presenting=True)
        return render(request, f"{BOARD}#coalition-card", context)
    return _render_card(request, access, coalition)


def _card_key(coalition):
    """The part a change to a coalition's card alone touches (see `card`)."""
    return f"coalition-{coalition.pk}"


def _render_card(request, access, coalition, *, error="", focus=""):
    if error and not request.htmx:
        messages.error(request, error)
        return render_board(request, access, status=422)
    (coalition,) = cards(Coalition.objects.filter(pk=coalition.pk))  # read as on the board
    context = board_context(access, coalition=coalition, error=error, focus=focus)
    return render(request, f"{BOARD}#coalition-card", context, status=422 if error else 200)


@require_POST
@vary_on_headers("HX-Request")
def participate(request, slug, pk):
    """Let a person join a coalition ("ik doe mee"), be kept informed, or leave it."""
    access = get_access(request, slug)
    access.require(access.can_contribute)
    coalition = get_object_or_404(Coalition, network=access.network, pk=pk)
    form = ParticipationForm(request.POST)
    if not form.is_valid():
        return _render_card(request, access, coalition, error=form.errors["choice"][0])
    choice = form.cleaned_data["choice"]
    try:
        with transaction.atomic():  # the change and its line in the log: both or neither
            if choice == ParticipationForm.LEAVE:
                coalition.leave(request.user)
            else:
                coalition.take_part(request.user, choice)
    except ValidationError as refusal:  # the last trekker
        return _render_card(request, access, coalition, error=refusal.messages[0])
    publish_change(access.network, _card_key(coalition), by=request)
    if not request.htmx:
        # Joined from "doe mee om te bewerken", or from the coalition's own page: back there.
        back = request.POST.get("terug")
        if back == "bewerken" and access.can_edit_coalition(_fresh(coalition)):
            return redirect(
                reverse("coalitions:edit_coalition", args=[access.network.slug, coalition.pk])
                + f"#coalition-{coalition.pk}"
            )
        if back == "coalitie":
            return redirect(reverse("actions:coalition", args=[access.network.slug, coalition.pk]))
        return redirect(board_url(access.network, f"coalition-{coalition.pk}"))
    return _render_card(request, access, coalition, focus="participation")


def _fresh(coalition):
    return Coalition.objects.prefetch_related("members").get(pk=coalition.pk)


def _ambition_with_commitments(access, pk):
    commitments = Commitment.objects.select_related("user").order_by("created_at", "id")
    return get_object_or_404(
        Ambition.objects.prefetch_related(Prefetch("commitments", queryset=commitments)),
        network=access.network,
        pk=pk,
    )


def _render_commitments(request, access, ambition, *, error="", status=200):
    # The keyboard stays on the level just chosen (or taken back).
    focus = f"commit-{request.POST.get('level', '')}"
    context = board_context(access, ambition=ambition, error=error, focus=focus)
    return render(request, f"{BOARD}#commitments", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def commit(request, slug, pk):
    """Show who wants to be involved in an ambition, and how; a member sets their own.

    Weten, meedenken, meedoen or meebepalen (Common Eye): choosing one's level again
    takes it back.
    """
    access = get_access(request, slug)
    ambition = _ambition_with_commitments(access, pk)
    if request.method == "POST":
        access.require(access.can_contribute)
        form = CommitmentForm(request.POST)
        if not form.is_valid():
            error = form.errors["level"][0]
            if not request.htmx:
                messages.error(request, error)
                return redirect(board_url(access.network, f"ambition-{ambition.pk}"))
            return _render_commitments(request, access, ambition, error=error, status=422)
        with transaction.atomic():  # the choice and its line in the log: both or neither
            ambition.commit(request.user, form.cleaned_data["level"])
        # Its own tab too: a refresh for someone else's choice, fetched just before this
        # one, must not be the last word there.
        publish_change(access.network, f"commitments-{ambition.pk}")
        ambition = _ambition_with_commitments(access, pk)
    if not request.htmx:
        return redirect(board_url(access.network, f"ambition-{ambition.pk}"))
    if for_projector(request) and request.method != "POST":
        context = board_context(access, ambition=ambition, readonly=True, presenting=True)
        return render(request, f"{BOARD}#commitments", context)
    return _render_commitments(request, access, ambition)


@require_POST
@vary_on_headers("HX-Request")
def form_coalition(request, slug, pk):
    """Form a coalition for the ambition from its commitments (facilitators, "Coalitie
    vormen"): meebepalen lead, meedoen take part, weten and meedenken are kept informed.
    Pressing it again updates that coalition; the answer says who joined or moved up."""
    access = get_access(request, slug)
    access.require(access.can_steer_workshop)
    ambition = _ambition_with_commitments(access, pk)
    try:
        coalition = ambition.form_coalition(by=request.user)
    except ValidationError as refusal:
        error = refusal.messages[0]
        if not request.htmx:
            messages.error(request, error)
            return redirect(board_url(access.network, f"ambition-{ambition.pk}"))
        response = _render_commitments(request, access, ambition, error=error, status=422)
        return retarget(response, f"#commitments-{ambition.pk}")
    publish_change(access.network, *_band_keys(coalition), by=request)
    response = _show_saved(request, access, coalition, notice=coalition.forming.sentence())
    return retarget(response, "#band") if request.htmx else response


# Deleting is soft: the item waits, hidden everywhere, for its undo ("Verwijderd —
# ongedaan maken"), and saved versions keep it. Without JavaScript the board says the
# same in its undo bar (?verwijderd=coalitie-<pk>).


def _deleted_item(access, model, pk):
    """Return the network's ambition or coalition `pk`, deleted or not; others get 404."""
    queryset = model.all_objects.filter(network=access.network)
    if model is Coalition:
        queryset = queryset.prefetch_related("members")  # who may delete it
    else:
        queryset = queryset.readable_by(access.user)  # not someone else's hidden one
    return get_object_or_404(queryset, pk=pk)


def _delete(request, slug, model, pk):
    """Delete the ambition or coalition `pk`, and answer with its undo."""
    access = get_access(request, slug)
    item = _deleted_item(access, model, pk)
    access.require(may_delete(access, item))
    if not item.is_deleted:
        try:
            item.soft_delete(by=request.user)
        except ValidationError as refusal:  # an ambition that coalitions still work on
            return _ambition_kept(request, access, item, refusal.messages[0])
        publish_change(access.network, *_band_keys(item), by=request)
    offer = undo_offer(access, item)
    if not request.htmx:
        word = DELETABLE[model][0]
        return redirect(board_url(access.network, "undo", verwijderd=f"{word}-{item.pk}"))
    return render(request, f"{BOARD}#card-deleted", board_context(access, undo_item=offer))


def _restore(request, slug, model, pk):
    """Undo deleting the ambition or coalition `pk`: it comes back as it was."""
    access = get_access(request, slug)
    item = _deleted_item(access, model, pk)
    access.require(may_delete(access, item))
    if item.is_deleted:
        item.restore(by=request.user)
    publish_change(access.network, *_band_keys(item), by=request)
    return _show_saved(request, access, item)


def _ambition_kept(request, access, ambition, error):
    """Answer a refused delete: the ambition's form again, saying why (409)."""
    form = AmbitionForm(instance=ambition, network=access.network)
    state = BoardState("ambition-edit", pk=ambition.pk, form=form)
    response = _render_band(request, access, state=state, status=409, delete_error=error)
    return retarget(response, "#band") if request.htmx else response


@require_POST
@vary_on_headers("HX-Request")
def delete_ambition(request, slug, pk):
    """Delete an ambition (its author, facilitators, coordinators), to undo right after.

    Refused while coalitions work on it: they are named, to relink or delete first.
    """
    return _delete(request, slug, Ambition, pk)


@require_POST
@vary_on_headers("HX-Request")
def restore_ambition(request, slug, pk):
    """Undo deleting an ambition: it comes back on the band, with its commitments."""
    return _restore(request, slug, Ambition, pk)


@require_POST
@vary_on_headers("HX-Request")
def delete_coalition(request, slug, pk):
    """Delete a coalition (its trekkers, facilitators, coordinators), to undo right after."""
    return _delete(request, slug, Coalition, pk)


@require_POST
@vary_on_headers("HX-Request")
def restore_coalition(request, slug, pk):
    """Undo deleting a coalition: it comes back with its members and partners."""
    return _restore(request, slug, Coalition, pk)


@require_POST
@vary_on_headers("HX-Request")
def choose_lead(request, slug, pk):
    """Make someone in the coalition trekker, or a trekker back someone who takes part.

    For the coalition's trekkers, facilitators and coordinators; the last trekker cannot
    step down.
    """
    access = get_access(request, slug)
    coalition = get_object_or_404(
        Coalition.objects.prefetch_related("members__user"), network=access.network, pk=pk
    )
    access.require(access.can_choose_leads(coalition))
    form = LeadForm(request.POST, coalition=coalition)
    if not form.is_valid():
        return _render_card(request, access, coalition, error=form.first_error(), focus="leads")
    try:
        changed = coalition.set_role(
            form.cleaned_data["member"], form.cleaned_data["role"], by=request.user
        )
    except ValidationError as refusal:
        return _render_card(request, access, coalition, error=refusal.messages[0], focus="leads")
    if changed:
        publish_change(access.network, _card_key(coalition), by=request)
    if not request.htmx:
        return redirect(board_url(access.network, f"coalition-{coalition.pk}"))
    return _render_card(request, access, coalition, focus="leads")
