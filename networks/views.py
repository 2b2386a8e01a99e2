from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.vary import vary_on_headers

from coalitions.models import Coalition
from networks.access import get_access
from networks.forms import ActorForm, NetworkForm, actor_snapshot
from networks.models import Activity, Network, NetworkActor

ACTORS = "networks/actor_list.html"


def network_list(request):
    networks = Network.objects.filter(memberships__user=request.user).order_by("name")
    return render(request, "networks/network_list.html", {"networks": networks})


def create_network(request):
    """Start a network: whoever creates it becomes its facilitator."""
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            network = Network.start(request.user, **form.cleaned_data)
            Activity.record(
                network, request.user, Activity.Area.NETWORK, Activity.Action.CREATED, network.name
            )
        return redirect(network)
    status = 422 if request.method == "POST" else 200
    return render(request, "networks/network_form.html", {"form": form}, status=status)


def edit_network(request, slug):
    access = get_access(request, slug)
    access.require(access.can_edit_network)
    network = access.network
    fields = ("name", "description", "network_type")
    before = {field: getattr(network, field) for field in fields}
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        form.save()
        Activity.record(
            network,
            request.user,
            Activity.Area.NETWORK,
            Activity.Action.EDITED,
            network.name,
            before=before,
            after={field: getattr(network, field) for field in fields},
        )
        return redirect(network)
    status = 422 if request.method == "POST" else 200
    # A failed save must not rename the page's heading before anything is stored.
    context = {"form": form, "network": access.network, "access": access, "title": before["name"]}
    return render(request, "networks/network_form.html", context, status=status)


def _actors(network):
    return (
        network.network_actors.select_related("actor")
        .prefetch_related(Prefetch("coalitions", queryset=Coalition.objects.order_by("name")))
        .order_by("actor__name")
    )


def _render_actors(request, access, *, form=None, editing=None, status=200):
    """Render the actors page, or for htmx only its list, with `editing`'s form open."""
    context = {
        "network": access.network,
        "access": access,
        "actors": _actors(access.network),
        "add_form": form if editing is None and form else ActorForm(network=access.network),
        "edit_form": form if editing is not None else None,
        "editing": editing,
    }
    template = f"{ACTORS}#actors" if request.htmx else ACTORS
    return render(request, template, context, status=status)


@vary_on_headers("HX-Request")
def actors(request, slug):
    """List the network's actors with their coalitions; facilitators add actors here."""
    access = get_access(request, slug)
    if request.method != "POST":
        return _render_actors(request, access)
    access.require(access.can_edit_actors)
    form = ActorForm(request.POST, network=access.network)
    if not form.is_valid():
        return _render_actors(request, access, form=form, status=422)
    network_actor = form.save()
    Activity.record(
        access.network,
        request.user,
        Activity.Area.ACTORS,
        Activity.Action.CREATED,
        network_actor.actor.name,
        after=actor_snapshot(network_actor),
    )
    if not request.htmx:
        return redirect(reverse("networks:actors", args=[slug]) + f"#actor-{network_actor.pk}")
    return _render_actors(request, access)


@vary_on_headers("HX-Request")
def edit_actor(request, slug, pk):
    access = get_access(request, slug)
    access.require(access.can_edit_actors)
    network_actor = get_object_or_404(
        NetworkActor.objects.select_related("actor"), network=access.network, pk=pk
    )
    before = actor_snapshot(network_actor)
    form = ActorForm(
        request.POST or None, network=access.network, instance=network_actor, auto_id="edit-%s"
    )
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            network_actor = form.save()
            Activity.record(
                access.network,
                request.user,
                Activity.Area.ACTORS,
                Activity.Action.EDITED,
                network_actor.actor.name,
                before=before,
                after=actor_snapshot(network_actor),
            )
        if not request.htmx:
            return redirect(reverse("networks:actors", args=[slug]) + f"#actor-{pk}")
        return _render_actors(request, access)
    status = 422 if request.method == "POST" else 200
    return _render_actors(request, access, form=form, editing=network_actor.pk, status=status)
