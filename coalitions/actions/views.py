"""What coalitions do between the workshops: a coalition's page with its people and
actions, and "Mijn coalities", a person's coalitions and actions across their networks.

htmx requests get the changed fragment back; plain requests a redirect, so everything
also works without JavaScript.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from canvas.live.events import publish_change
from coalitions.actions.forms import ActionForm, StatusForm
from coalitions.actions.models import Action, contacts, my_coalitions
from coalitions.models import Coalition, CoalitionMember
from networks.access import get_access
from networks.revisions import StaleRevision

# Where a plain (non-htmx) change goes back to: ?terug=mijn returns to Mijn coalities.
BACK_TO_MINE = "mijn"


def _coalition(access, pk):
    """Return the network's coalition `pk` with its people; others get 404."""
    members = CoalitionMember.objects.select_related("user").order_by("id")
    return get_object_or_404(
        Coalition.objects.select_related("ambition").prefetch_related(
            Prefetch("members", queryset=members), "core_partners__actor"
        ),
        network=access.network,
        pk=pk,
    )


def _action(coalition, pk):
    """Return the coalition's action `pk`; another coalition's gets 404."""
    return get_object_or_404(Action.objects.select_related("owner"), coalition=coalition, pk=pk)


def _back(request, access, coalition, anchor=""):
    if request.POST.get("terug") == BACK_TO_MINE:
        return redirect(reverse("actions:mine") + (f"#{anchor}" if anchor else ""))
    url = reverse("actions:coalition", args=[access.network.slug, coalition.pk])
    return redirect(url + (f"#{anchor}" if anchor else ""))


def _page_context(request, access, coalition, form=None):
    actions = list(coalition.actions.select_related("owner").by_due())
    may_edit = access.can_edit_coalition(coalition)
    if form is None and may_edit:
        # After adding one (htmx), the fresh form takes the focus for the next action.
        form = ActionForm(coalition=coalition, user=request.user, autofocus=bool(request.htmx))
    return {
        "network": access.network,
        "access": access,
        "coalition": coalition,
        "role": coalition.role_of(request.user),
        "contacts": contacts(coalition, request.user),
        "actions": actions,
        "open_count": sum(not a.is_done for a in actions),
        "may_edit": may_edit,
        "form": form,
    }


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")
def coalition(request, slug, pk):
    """Show a coalition: what it is for, who to call, and its actions; those taking part
    add an action here (POST)."""
    access = get_access(request, slug)
    coalition = _coalition(access, pk)
    if request.method != "POST":
        return render(request, "actions/coalition.html", _page_context(request, access, coalition))
    access.require(access.can_edit_coalition(coalition))
    form = ActionForm(request.POST, coalition=coalition, user=request.user)
    if form.is_valid():
        action = form.save(by=request.user)
        publish_change(access.network, f"coalition-{coalition.pk}", by=request)
        if not request.htmx:
            return _back(request, access, coalition, f"action-{action.pk}")
        form = None  # a fresh form for the next action
    context = _page_context(request, access, coalition, form)
    template = "actions/coalition.html"
    if request.htmx:
        template += "#actions"
    return render(request, template, context, status=422 if form and form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def edit_action(request, slug, pk, action_pk):
    """Edit an action (those who take part in its coalition); a save over a newer one
    shows both (409)."""
    access = get_access(request, slug)
    coalition = _coalition(access, pk)
    action = get_object_or_404(
        Action.objects.select_related("owner"), coalition=coalition, pk=action_pk
    )
    access.require(access.can_edit_coalition(coalition))
    form = ActionForm(request.POST or None, instance=action, coalition=coalition)
    conflict, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                action = form.save(by=request.user)
            except StaleRevision:
                conflict = Action.objects.select_related("owner").get(pk=action.pk)
                data = request.POST.copy()
                data["revision"] = conflict.revision
                form = ActionForm(
                    data, instance=Action.objects.get(pk=action.pk), coalition=coalition
                )
                form.is_valid()
                status = 409
            else:
                publish_change(access.network, f"coalition-{coalition.pk}", by=request)
                return _back(request, access, coalition, f"action-{action.pk}")
        else:
            status = 422
    context = {
        "network": access.network,
        "coalition": coalition,
        "action": action,
        "form": form,
        "conflict": conflict,
        "back": request.GET.get("terug", request.POST.get("terug", "")) == BACK_TO_MINE,
    }
    return render(request, "actions/action_form.html", context, status=status)


@require_POST
@vary_on_headers("HX-Request")
def set_status(request, slug, pk, action_pk):
    """Mark an action open, bezig or klaar (those who take part in its coalition)."""
    access = get_access(request, slug)
    coalition = _coalition(access, pk)
    action = get_object_or_404(
        Action.objects.select_related("owner"), coalition=coalition, pk=action_pk
    )
    access.require(access.can_edit_coalition(coalition))
    form = StatusForm(request.POST)
    error = ""
    if form.is_valid():
        action.coalition = coalition
        if action.set_status(form.cleaned_data["status"], by=request.user):
            publish_change(access.network, f"coalition-{coalition.pk}", by=request)
    else:
        error = form.errors["status"][0]
    if not request.htmx:
        if error:
            context = _page_context(request, access, coalition)
            context.update(status_error=error, status_error_pk=action.pk)
            return render(request, "actions/coalition.html", context, status=422)
        return _back(request, access, coalition, f"action-{action.pk}")
    context = {
        "network": access.network,
        "coalition": coalition,
        "action": action,
        "may_edit": True,
        "error": error,
        "focus": True,
        "back": request.POST.get("terug") == BACK_TO_MINE,
        "show_coalition": request.POST.get("terug") == BACK_TO_MINE,
    }
    return render(request, "actions/_action.html", context, status=422 if error else 200)


@require_safe
def mine(request):
    """Show the person's coalitions and actions across all their networks, due soon first:
    the page to open between the workshops."""
    actions, entries = my_coalitions(request.user)
    return render(
        request, "actions/my_coalitions.html", {"my_actions": actions, "entries": entries}
    )
