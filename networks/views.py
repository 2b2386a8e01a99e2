from functools import partial

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from coalitions.models import Coalition
from networks.access import get_access, get_join_link, get_membership, require_may_start_network
from networks.accounts import throttle
from networks.forms import (
    ActivityFilterForm,
    ActorForm,
    CodeForm,
    GuestForm,
    InviteForm,
    JoinForm,
    JoinLinkForm,
    MembershipForm,
    NetworkForm,
    OrganisationFields,
    RegisterForm,
)
from networks.models import JoinLink, Membership, Network, NetworkActor
from networks.revisions import StaleRevision
from networks.site import join_address, site_url
from networks.tasks import send_email

GUEST_BACKEND = "django.contrib.auth.backends.ModelBackend"
ACTORS = "networks/actor_list.html"


# --- Home and joining --------------------------------------------------------------------


def _memberships(user):
    if not user.is_authenticated:
        return []
    memberships = list(
        Membership.objects.filter(user=user)
        .select_related("network", "join_link")
        .order_by("network__name")
    )
    for membership in memberships:
        membership.user = user  # for guest_may_take_part, without a query per network
    return memberships


@login_not_required
@require_safe
def network_list(request):
    """The home page: a code field for everyone, and my networks once signed in."""
    return render(
        request,
        "networks/network_list.html",
        {"memberships": _memberships(request.user), "code_form": CodeForm()},
    )


@login_not_required
@never_cache
@require_safe
def enter_code(request):
    """Take the code typed on the home page to its join page; guessing is throttled."""
    ip = throttle.client_ip(request)
    form = CodeForm(request.GET or None)
    if throttle.CODE_PER_IP.is_blocked(ip):
        form = CodeForm()
        form.status = 429
        form.throttled = True
    elif form.is_valid():
        return redirect(form.link)
    elif form.is_bound:
        if form.status in (404, 410):
            throttle.CODE_PER_IP.fail(ip)
        else:
            form.status = 422
    return render(
        request,
        "networks/network_list.html",
        {"memberships": _memberships(request.user), "code_form": form},
        status=form.status,
    )


def _join_page(request, link, status=200, **forms):
    network = link.network
    if request.user.is_authenticated:
        forms.setdefault("join_form", JoinForm(prefix="member", network=network))
    else:
        actors = OrganisationFields.actors_of(network)
        forms.setdefault(
            "register_form", RegisterForm(prefix="register", network=network, actors=actors)
        )
        forms.setdefault("guest_form", GuestForm(prefix="guest", network=network, actors=actors))
    return render(
        request, "networks/join.html", {"link": link, "network": network, **forms}, status=status
    )


def _register(request, form, link, ip):
    """Return the new account; for an address that has one, a guest by the name given.

    Both answer alike, so the form tells no one which addresses have an account; the
    address's owner hears of it by mail instead (a few mails at most).
    """
    if not form.email_taken:
        try:
            with transaction.atomic():
                return form.save()
        except IntegrityError:  # the address was taken a moment ago
            pass
    throttle.REGISTER_PER_IP.fail(ip)
    guest = form.save_as_guest()
    email = form.cleaned_data["email"]
    if not throttle.REGISTER_MAIL_PER_EMAIL.is_blocked(email):
        throttle.REGISTER_MAIL_PER_EMAIL.fail(email)
        site = settings.SITE_URL.rstrip("/")
        context = {
            "network": link.network,
            "name": guest.name,
            "sign_in": site + reverse("networks:login"),
            "reset": site + reverse("networks:password_reset"),
        }
        subject = _("Iemand deed mee met je e-mailadres")
        body = render_to_string("networks/email/account_exists.txt", context)
        send_email.enqueue(subject, body, email)
    return guest


def _welcome(request, link):
    messages.success(request, _("Welkom! Je doet mee in %(network)s.") % {"network": link.network})
    return redirect(link.network)


@login_not_required
@sensitive_post_parameters("register-password")
@never_cache
def join(request, token):
    """Join a network through its link: as yourself, with a new account, or as a guest."""
    link = JoinLink.objects.select_related("network").filter(token=token).first()
    if link is None or not link.is_valid:
        return render(
            request, "networks/join_invalid.html", {"link": link}, status=404 if not link else 410
        )
    user = request.user
    if user.is_authenticated:
        membership = Membership.objects.filter(network=link.network, user=user).first()
        if membership and (not user.is_guest or membership.join_link_id == link.pk):
            return redirect(link.network)
        if request.method != "POST":
            return _join_page(request, link)
        form = JoinForm(request.POST, prefix="member", network=link.network)
        if "join" not in request.POST or not form.is_valid():
            return _join_page(request, link, join_form=form, status=422)
        with transaction.atomic():
            link.admit(user, form.organisation_actor(user))
        return _welcome(request, link)

    if request.method != "POST":
        return _join_page(request, link)
    if "register" in request.POST:
        ip = throttle.client_ip(request)
        form = RegisterForm(request.POST, prefix="register", network=link.network)
        if throttle.REGISTER_PER_IP.is_blocked(ip):
            form = RegisterForm(
                prefix="register",
                network=link.network,
                initial={"name": request.POST.get("register-name")},
            )
            form.throttled = True
            response = _join_page(request, link, register_form=form, status=429)
            response["Retry-After"] = str(throttle.REGISTER_PER_IP.retry_after)
            return response
        if not form.is_valid():
            throttle.REGISTER_PER_IP.fail(ip)
            return _join_page(request, link, register_form=form, status=422)
        make_user = partial(_register, request, form, link, ip)
    elif "guest" in request.POST:
        form = GuestForm(request.POST, prefix="guest", network=link.network)
        if not form.is_valid():
            return _join_page(request, link, guest_form=form, status=422)
        make_user = form.save
    else:
        return _join_page(request, link, status=422)
    # All or nothing: a failure leaves no account, and no one signed in who is no member.
    with transaction.atomic():
        user = make_user()
        link.admit(user, form.organisation_actor(user))
        login(request, user, backend=GUEST_BACKEND)
    return _welcome(request, link)


# --- Accounts ----------------------------------------------------------------------------


# --- Join links (facilitators) -------------------------------------------------------------


@vary_on_headers("HX-Request")
@require_safe
def join_links(request, slug):
    access = get_access(request, slug)
    access.require(access.can_manage_join_links)
    return _join_links_page(request, access, JoinLinkForm())


def _join_links_page(request, access, form, status=200):
    links = access.network.join_links.select_related("created_by")[:20]
    template = "networks/join_links.html"
    if request.htmx:
        template += "#links"
    return render(
        request,
        template,
        {"network": access.network, "access": access, "links": links, "form": form},
        status=status,
    )


@require_POST
def join_link_create(request, slug):
    access = get_access(request, slug)
    access.require(access.can_manage_join_links)
    form = JoinLinkForm(request.POST)
    if not form.is_valid():
        return _join_links_page(request, access, form, status=422)
    link = form.save(access.network, request.user)
    return redirect("networks:join_link_show", slug=slug, link_pk=link.pk)


@require_safe
def join_link_show(request, slug, link_pk):
    """The code, large, for the projector."""
    access = get_access(request, slug)
    access.require(access.can_manage_join_links)
    link = get_join_link(access, link_pk)
    # The same address as the projector's, from the same place (networks/site.py).
    site = site_url(request)
    context = {
        "network": access.network,
        "link": link,
        "site": site,
        "url": link.absolute_url(site),
        "qr": link.qr_svg(site) if link.is_valid else "",
        "code_url": join_address(request),
    }
    return render(request, "networks/join_link_show.html", context)


@require_POST
def join_link_revoke(request, slug, link_pk):
    access = get_access(request, slug)
    access.require(access.can_manage_join_links)
    link = get_join_link(access, link_pk)
    link.revoke()
    messages.success(request, _("Code %(code)s is ingetrokken.") % {"code": link.display_code})
    if request.htmx:
        return _join_links_page(request, access, JoinLinkForm())
    return redirect("networks:join_links", slug=slug)


# --- People (facilitators) ---------------------------------------------------------------


def _actor_choices(network):
    return {a.pk: a for a in network.network_actors.select_related("actor").order_by("actor__name")}


def _people_page(request, access, *, invite_form=None, forms=None, status=200, partial=None):
    actors = _actor_choices(access.network)
    memberships = access.network.memberships.select_related("user", "actor__actor").order_by(
        "user__name"
    )
    forms = forms or {}
    rows = [(m, forms.get(m.pk) or MembershipForm(m, actors)) for m in memberships]
    template = "networks/people.html"
    if request.htmx and partial:
        template += f"#{partial}"
    return render(
        request,
        template,
        {
            "network": access.network,
            "access": access,
            "rows": rows,
            "invite_form": invite_form or InviteForm(access.network),
        },
        status=status,
    )


@vary_on_headers("HX-Request")
@require_safe
def people(request, slug):
    access = get_access(request, slug)
    access.require(access.can_manage_people)
    return _people_page(request, access)


@require_POST
@vary_on_headers("HX-Request")
def person_update(request, slug, membership_pk):
    access = get_access(request, slug)
    access.require(access.can_manage_people)
    membership = get_membership(access, membership_pk)
    form = MembershipForm(membership, _actor_choices(access.network), request.POST)
    if form.is_valid() and form.save(request.user):
        if membership.user_id == request.user.pk and membership.role != Membership.Role.FACILITATOR:
            messages.success(request, _("Je bent nu geen facilitator meer van dit netwerk."))
            return redirect(access.network)
        messages.success(request, _("%(name)s is bijgewerkt.") % {"name": membership.user})
        if request.htmx:
            return _people_page(request, access, partial="people")
        return redirect("networks:people", slug=slug)
    membership.refresh_from_db()
    return _people_page(request, access, forms={membership.pk: form}, status=422, partial="people")


def person_remove(request, slug, membership_pk):
    """Ask, then take a person out of the network; their notes stay."""
    access = get_access(request, slug)
    access.require(access.can_manage_people)
    membership = get_membership(access, membership_pk)
    error = None
    if request.method == "POST":
        try:
            membership.remove(request.user)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(
                request,
                _("%(name)s doet niet meer mee in dit netwerk.") % {"name": membership.user},
            )
            if membership.user_id == request.user.pk:
                return redirect("networks:list")
            return redirect("networks:people", slug=slug)
    return render(
        request,
        "networks/person_remove.html",
        {"network": access.network, "membership": membership, "error": error},
        status=422 if error else 200,
    )


def _send_invitation(request, membership, is_new):
    user, network = membership.user, membership.network
    site = settings.SITE_URL.rstrip("/")
    context = {"user": user, "network": network, "inviter": request.user, "site_url": site}
    if is_new:
        context["link"] = site + reverse(
            "networks:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    else:
        context["link"] = site + network.get_absolute_url()
    subject = _("Uitnodiging voor %(network)s") % {"network": network}
    body = render_to_string("networks/email/invitation.txt", context)
    send_email.enqueue(subject, body, user.email)


@require_POST
def person_invite(request, slug):
    access = get_access(request, slug)
    access.require(access.can_manage_people)
    form = InviteForm(access.network, request.POST)
    if not form.is_valid():
        return _people_page(request, access, invite_form=form, status=422, partial="invite")
    membership, is_new = Membership.invite(
        access.network,
        request.user,
        email=form.cleaned_data["email"],
        name=form.cleaned_data["name"],
        role=form.cleaned_data["role"],
    )
    _send_invitation(request, membership, is_new)
    messages.success(
        request,
        _("%(name)s is uitgenodigd; de uitnodiging is verstuurd naar %(email)s.")
        % {"name": membership.user, "email": membership.user.email},
    )
    return redirect("networks:people", slug=slug)


# --- Activity (facilitators and coordinators) ----------------------------------------------


@vary_on_headers("HX-Request")
@require_safe
def activity(request, slug):
    access = get_access(request, slug)
    access.require(access.can_see_activity)
    form = ActivityFilterForm(access.network, request.user, request.GET or None)
    entries = form.filter(access.network.activities.all())
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    # Each entry as this reader may read it, in their language.
    page.object_list = [entry.read_by(request.user) for entry in page.object_list]
    template = "networks/activity.html"
    if request.htmx:
        template += "#log"
    return render(
        request,
        template,
        {"network": access.network, "access": access, "form": form, "page": page},
    )


# --- Networks and their actors --------------------------------------------------------


def create_network(request):
    """Start a network: whoever creates it becomes its facilitator."""
    require_may_start_network(request.user)
    form = NetworkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        network = Network.start(request.user, **form.cleaned_data)
        return redirect(network)
    status = 422 if request.method == "POST" else 200
    return render(request, "networks/network_form.html", {"form": form}, status=status)


def edit_network(request, slug):
    access = get_access(request, slug)
    access.require(access.can_edit_network)
    network = access.network
    name = network.name
    form = NetworkForm(request.POST or None, instance=network)
    if request.method == "POST" and form.is_valid():
        try:
            network.change(request.user, form.cleaned_data["revision"], **form.changes())
        except StaleRevision:
            return _network_conflict(request, access)
        return redirect(network)
    status = 422 if request.method == "POST" else 200
    # A failed save must not rename the page's heading before anything is stored.
    context = {"form": form, "network": access.network, "access": access, "title": name}
    return render(request, "networks/network_form.html", context, status=status)


def _network_conflict(request, access):
    """Answer a save over newer settings: theirs beside one's own form, to choose (409).

    Saving again keeps one's own (or what one merged into it); cancelling keeps theirs.
    """
    theirs = Network.objects.get(pk=access.network.pk)
    data = request.POST.copy()
    data["revision"] = theirs.revision
    form = NetworkForm(data, instance=Network.objects.get(pk=theirs.pk))
    form.is_valid()  # show one's own values, cleaned, in the form
    context = {
        "form": form,
        "network": theirs,
        "access": access,
        "title": theirs.name,
        "conflict": theirs,
    }
    return render(request, "networks/network_form.html", context, status=409)


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
    network_actor = form.save(by=request.user)
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
    form = ActorForm(
        request.POST or None, network=access.network, instance=network_actor, auto_id="edit-%s"
    )
    if request.method == "POST" and form.is_valid():
        network_actor = form.save(by=request.user)
        if not request.htmx:
            return redirect(reverse("networks:actors", args=[slug]) + f"#actor-{pk}")
        return _render_actors(request, access)
    status = 422 if request.method == "POST" else 200
    return _render_actors(request, access, form=form, editing=network_actor.pk, status=status)
