"""Workshops: start one, steer it, place dots, end it, and read what it brought.

Only facilitators steer (step, timer, silent writing, reveal, votes, the end); every
member places dots. Each control answers htmx with the facilitator's panel (and the bar
above the board); a plain form post gets a redirect to the board, so all of it also works
without JavaScript. Every open board follows through the live events.
"""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import HttpResponseClientRedirect

from canvas.agenda.forms import NextStepForm
from canvas.board.read import Room
from canvas.board.render import BOARD, board_context, board_url
from canvas.identity.models import IdentityMap
from canvas.live.events import publish_change
from canvas.workshops.forms import StartWorkshopForm, StepForm, TimerForm, VoteForm, steering_forms
from canvas.workshops.models import Workshop
from canvas.workshops.summary import WorkshopSummary
from coalitions.models import Coalition, CoalitionMember
from networks.access import get_access, get_ended_guest
from networks.accounts import mail, throttle
from networks.accounts.forms import KeepAccessForm
from networks.params import parse_id

WORKSHOPS = "workshops/workshops.html"
SUMMARY = "workshops/workshop_summary.html"


@require_http_methods(["GET", "HEAD", "POST"])
def workshops(request, slug):
    """List the network's workshops; a facilitator starts one here."""
    access = get_access(request, slug)
    network = access.network
    form = StartWorkshopForm(request.POST or None)
    status = 200
    if request.method == "POST":
        access.require(access.can_steer_workshop)
        if form.is_valid():
            workshop = _start(request, access, form)
            if workshop is not None:
                return redirect(board_url(network, "workshop"))
        status = 422
    context = {
        "network": network,
        "access": access,
        "form": form,
        "running": Workshop.objects.running().filter(network=network).first(),
        "past": network.workshops.filter(ended_at__isnull=False)
        .select_related("started_by")
        # Whether it has an identiteitskaart to print, without a query per workshop.
        .annotate(has_identity_map=Exists(IdentityMap.objects.filter(workshop=OuterRef("pk"))))
        .order_by("-started_at"),
    }
    return render(request, WORKSHOPS, context, status=status)


def _start(request, access, form):
    """Start the workshop of the valid `form`; None (with the form told why) if one runs."""
    network = access.network
    try:
        with transaction.atomic():
            workshop = Workshop.start(network, request.user, form.cleaned_data["title"])
    except IntegrityError:  # the one-running-workshop constraint
        form.add_error(None, _("Er loopt al een workshop in dit netwerk; beëindig die eerst."))
        return None
    publish_change(network, "workshop", by=request)
    return workshop


def _render_panel(request, access, *, bound=None, focus="", status=200, message=""):
    """Answer a steering action: the panel, and the bar above the board out of band.

    `bound` ({action: form}) puts a refused form, with its errors, in the panel.
    """
    room = Room(access.network, access.user)
    forms = steering_forms(room.workshop, bound) if room.workshop is not None else {}
    context = board_context(
        access, room=room, steer_forms=forms, focus=focus, steered=True, status_message=message
    )
    return render(request, f"{BOARD}#workshop-steered", context, status=status)


# Parts of the facilitator's panel that follow the room: ?deel=…
_PANEL_PARTS = {
    "paneel": "workshop-panel",
    "voortgang": "vote-progress",
    "verborgen": "hidden-total",
}


@require_safe
@vary_on_headers("HX-Request")
def workshop_part(request, slug):
    """Return the bar above the board (everyone) or the steering panel (facilitators)."""
    access = get_access(request, slug)
    if not request.htmx:
        return redirect(board_url(access.network, "workshop"))
    part = request.GET.get("deel")
    if part == "stap":  # the step on a phone, for everyone
        return render(request, f"{BOARD}#step-card", board_context(access))
    fragment = _PANEL_PARTS.get(part)
    if fragment is not None:
        access.require(access.can_steer_workshop)
        return render(request, f"{BOARD}#{fragment}", board_context(access))
    presenting = request.GET.get("projector") == "1"
    room = Room(access.network, None if presenting else access.user)
    context = board_context(access, room=room, presenting=presenting)
    return render(request, f"{BOARD}#workshop-bar", context)


def _step(request, workshop):
    form = StepForm(request.POST)
    if not form.is_valid():
        return form, []
    workshop.go_to(*form.cleaned_data["step"])
    return None, ["workshop"]


def _next(request, workshop):
    """Start the agenda's next step: go there, apply its method, run its timer."""
    form = NextStepForm(request.POST, workshop=workshop)
    if not form.is_valid():
        return form, []
    step = form.cleaned_data["agenda_step"]
    anchors = step.agenda.start_step(step)
    if anchors is None:  # it started already (a second click, another tab)
        return None, []
    return None, ["workshop", *anchors]


def _timer(request, workshop):
    form = TimerForm(request.POST)
    if not form.is_valid():
        return form, []
    action = form.cleaned_data["timer"]
    if action == "start":
        workshop.start_timer(form.cleaned_data["minutes"])
    elif action == "pause":
        workshop.pause_timer()
    elif action == "resume":
        workshop.resume_timer()
    elif action == "add":
        workshop.add_minute()
    else:
        workshop.stop_timer()
    return None, ["workshop"]


def _silent(request, workshop):
    workshop.silent = request.POST.get("silent") == "aan"
    workshop.save(update_fields=["silent"])
    return None, ["workshop"]


def _reveal(request, workshop):
    prompts = workshop.reveal(names=request.POST.get("names") == "ja", by=request.user)
    # The band too when ambitions written in a silent brainstorm came out with the notes.
    band = ["band"] if workshop.revealed_ambitions else []
    return None, ["workshop", *band, *[f"prompt-{slug}" for slug in prompts]]


def _open_vote(request, workshop):
    form = VoteForm(request.POST)
    if not form.is_valid():
        return form, []
    if workshop.open_vote is not None:
        form.add_error(None, _("Er loopt al een stemming; sluit die eerst."))
        return form, []
    vote = form.save(commit=False)
    vote.workshop = workshop
    try:
        with transaction.atomic():
            vote.save()
    except IntegrityError:  # opened twice at once
        form.add_error(None, _("Er loopt al een stemming; sluit die eerst."))
        return form, []
    return None, ["workshop", vote.anchor]


def _close_vote(request, workshop):
    vote = workshop.open_vote
    if vote is None:
        return None, ["workshop"]
    vote.close()
    return None, ["workshop", vote.anchor]


def _sort(request, workshop):
    """Put the items of the last closed vote in the order of their dots."""
    vote = workshop.votes.filter(closed_at__isnull=False).order_by("-closed_at", "-id").first()
    if vote is None:
        return None, []
    vote.sort_items()
    return None, [vote.anchor]


_STEERING = {
    "step": _step,
    "next": _next,  # the agenda's next step
    # Without an agenda, "Volgende stap" follows the canvas: a step, the focus kept on it.
    "next-step": _step,
    "timer": _timer,
    "silent": _silent,
    "reveal": _reveal,
    "vote": _open_vote,
    "close_vote": _close_vote,
    "sort": _sort,
}


@require_POST
@vary_on_headers("HX-Request")
def steer(request, slug):
    """Take one of the facilitator's controls; the button's `action` says which."""
    access = get_access(request, slug)
    access.require(access.can_steer_workshop)
    network = access.network
    action = request.POST.get("action", "")
    workshop = Workshop.objects.running().filter(network=network).first()
    if workshop is None:
        return _no_workshop(request, access)
    if action == "end":
        return _end(request, access, workshop)
    if action not in _STEERING:
        return HttpResponse(_("Onbekende knop."), status=400)
    form, keys = _STEERING[action](request, workshop)
    if form is not None:
        if not request.htmx:
            messages.error(request, _first_error(form))
            return redirect(board_url(network, "workshop"))
        key = "step" if action == "next-step" else action  # it posts the step form's field
        return _render_panel(request, access, bound={key: form}, focus=action, status=422)
    if keys:
        # The tab that steered has the new bar and panel ("workshop") in its answer
        # (refetching the panel would fold up what the facilitator just opened in it);
        # the notes and cards it fetches like every other tab.
        if "workshop" in keys:
            publish_change(network, "workshop", by=request)
        if parts := [key for key in keys if key != "workshop"]:
            publish_change(network, *parts)
    if not request.htmx:
        return redirect(board_url(network, "workshop"))
    return _render_panel(request, access, focus=action)


def _first_error(form):
    for errors in form.errors.values():
        return errors[0]
    return _("Dat lukte niet.")


def _no_workshop(request, access):
    message = _("Er loopt geen workshop (meer) in dit netwerk.")
    if not request.htmx:
        messages.error(request, message)
        return redirect(board_url(access.network))
    return _render_panel(request, access, status=409, message=message)


def _end(request, access, workshop):
    """End the workshop and show its summary."""
    network = access.network
    prompts = workshop.end(request.user)
    # As after a step (see steer): the bar and panel for the other tabs, the notes and
    # cards for every tab.
    publish_change(network, "workshop", by=request)
    publish_change(network, "band", *[f"prompt-{slug}" for slug in prompts])
    url = reverse("workshop:summary", args=[network.slug, workshop.pk])
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)


@require_POST
@vary_on_headers("HX-Request")
def place_dot(request, slug):
    """Place one of one's dots on an item of the open vote, or take one back."""
    access = get_access(request, slug)
    access.require(access.can_contribute)
    room = Room(access.network, access.user)
    vote = room.vote
    if vote is None or not vote.is_open:
        message = _("Er loopt nu geen stemming.")
        if not request.htmx:
            messages.error(request, message)
            return redirect(board_url(access.network, "workshop"))
        return HttpResponse(message, status=409)
    pk = parse_id(request.POST.get("item"))
    item = vote.items().filter(pk=pk).first() if pk else None
    if item is None:
        raise Http404
    try:
        if request.POST.get("dot") == "weg":
            vote.take_back(request.user, item)
        else:
            vote.place(request.user, item)
    except ValidationError as refusal:
        return _dots(request, access, room, item, error=refusal.messages[0], status=422)
    if vote.results_visible:
        # Everyone's totals move; its own tab fetches too, so an older refresh for someone
        # else's dot cannot be the last word there.
        publish_change(access.network, "vote-progress", vote.anchor)
    else:
        publish_change(access.network, "vote-progress", by=request)
    return _dots(request, access, room, item)


def _dots(request, access, room, item, *, error="", status=200):
    """Answer with the item's dots (and the dots left, out of band), or go to the item."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(board_url(access.network, f"{room.vote.item_field}-{item.pk}"))
    focus = "dot-weg" if request.POST.get("dot") == "weg" else "dot-erbij"
    context = board_context(access, room=room, item=item, error=error, focus=focus)
    return render(request, f"{BOARD}#dots-answer", context, status=status)


@require_safe
def workshop_summary(request, slug, pk):
    """What a workshop brought: notes per block, votes, coalitions, commitments."""
    access = get_access(request, slug)
    workshop = get_object_or_404(Workshop, network=access.network, pk=pk)
    summary = WorkshopSummary.load(workshop)
    context = {"network": access.network, "access": access, "summary": summary}
    if access.edits_everything:
        # Coalitions whose trekkers were guests whose access ended: someone must take over.
        context["out_of_reach"] = Coalition.out_of_reach(access.network)
    return render(request, SUMMARY, context)


THANKS = "workshops/thanks.html"


@require_http_methods(["GET", "HEAD", "POST"])
def thanks(request, slug):
    """A guest whose access ended (the workshop is over): thanks, what the workshop
    brought, what happens next, and one field to keep taking part (an email address).

    Members who still take part go to the board: there is nothing to keep.
    """
    membership = get_ended_guest(request, slug)
    if membership is None:
        return redirect("networks:detail", slug=slug)
    if request.method == "POST":
        return _keep_access(request, membership)
    return _thanks_page(request, membership, KeepAccessForm())


def _thanks_page(request, membership, form, status=200):
    network, guest = membership.network, membership.user
    workshop = (
        Workshop.objects.filter(network=network, join_link_id=membership.join_link_id).first()
        if membership.join_link_id
        else None
    )
    context = {
        "network": network,
        "guest": guest,
        "form": form,
        "summary": WorkshopSummary.load(workshop) if workshop else None,
        "my_coalitions": CoalitionMember.objects.filter(
            user=guest, coalition__network=network, coalition__deleted_at__isnull=True
        )
        .select_related("coalition")
        .order_by("coalition__position", "coalition_id"),
    }
    return render(request, THANKS, context, status=status)


def _keep_access(request, membership):
    """Make the guest a member by their email address; a link to choose a password comes
    by mail. A taken address gets the same answer (its owner a mail), so the form tells
    no one which addresses have an account."""
    ip = throttle.client_ip(request)
    if throttle.REGISTER_PER_IP.is_blocked(ip):
        form = KeepAccessForm()
        form.throttled = True
        response = _thanks_page(request, membership, form, status=429)
        response["Retry-After"] = str(throttle.REGISTER_PER_IP.retry_after)
        return response
    form = KeepAccessForm(request.POST)
    if not form.is_valid():
        throttle.REGISTER_PER_IP.fail(ip)
        return _thanks_page(request, membership, form, status=422)
    guest, network, email = membership.user, membership.network, form.cleaned_data["email"]
    kept = False
    if not form.email_taken:
        try:
            with transaction.atomic():
                guest.keep_access(email)
            kept = True
        except IntegrityError:  # the address was taken a moment ago
            guest.refresh_from_db()
    if kept:
        update_session_auth_hash(request, guest)  # the password changed: stay signed in
        mail.send_keep_access(guest, network)
    else:
        throttle.REGISTER_PER_IP.fail(ip)
        mail.tell_owner(
            email, "accounts/email/keep_access_exists.txt", name=str(guest), network=network
        )
    messages.success(
        request,
        _(
            "Dank je! We hebben een mail gestuurd naar %(email)s. Kies via de link daarin een "
            "wachtwoord; daarna log je in met dit adres."
        )
        % {"email": email},
    )
    return redirect("networks:detail", slug=network.slug)


@require_safe
def workshop_pdf(request, slug, pk):
    """The summary as a printable A4 PDF."""
    access = get_access(request, slug)
    workshop = get_object_or_404(Workshop, network=access.network, pk=pk)
    summary = WorkshopSummary.load(workshop)
    pdf = summary.pdf(request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{summary.filename}"'
    return response
