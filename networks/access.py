"""Who may see and change what in a network.

Every view asks here, never the template. A person without a role in a network cannot
tell that it exists (404); a role that is too small for the action gets a 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from networks.models import JoinLink, Membership, Network


class Access:
    """What one person may do in one network, from their membership."""

    def __init__(self, network, user, membership):
        self.network, self.user, self.membership = network, user, membership
        self.role = membership.role if membership else None

    @property
    def is_facilitator(self):
        return self.role == Membership.Role.FACILITATOR

    @property
    def edits_everything(self):
        """Facilitators and coordinators edit the whole canvas."""
        return self.role in (Membership.Role.FACILITATOR, Membership.Role.COORDINATOR)

    can_edit_canvas = edits_everything
    can_keep_record = edits_everything  # save, restore, import versions (all members print)
    can_edit_network = edits_everything  # name, description, network type
    can_edit_actors = edits_everything
    can_prepare_workshop = edits_everything  # agendas and their templates (facilitators start)

    @property
    def can_manage_people(self):
        """Facilitators see the people, change roles, remove and invite people."""
        return self.is_facilitator

    can_manage_join_links = can_manage_people

    @property
    def nav_tabs(self):
        """Return the network's tabs this person uses (networks/network_nav.html).

        Hiding a tab is courtesy only: every member may still open every page. A guest
        comes for one workshop: the canvas and the scans they may answer. Members add
        the workshops' summaries, the actors and the versions; the analysis pages
        (overlap, advice, signals) are for those who run the network.
        """
        if self.user.is_guest and not self.edits_everything:
            return {"board", "band", "identity", "scans"}
        tabs = {"board", "band", "identity", "scans", "workshops", "actors", "versions"}
        if self.edits_everything:
            tabs |= {"overlap", "advice", "signals", "present"}
        return tabs

    @property
    def can_see_activity(self):
        return self.edits_everything

    @property
    def can_contribute(self):
        """Every member writes notes, votes and creates coalitions."""
        return self.role is not None

    def can_edit_note(self, note):
        return self.edits_everything or (
            self.can_contribute and note.author_id is not None and note.author_id == self.user.pk
        )

    def can_toggle_rule(self, note):
        """A rule's status is agreed by those who run the network, or proposed by its author."""
        return note.is_rule and self.can_edit_note(note)

    def can_edit_ambition(self, ambition):
        return self.edits_everything or (
            self.can_contribute
            and ambition.created_by_id is not None
            and ambition.created_by_id == self.user.pk
        )

    def can_edit_coalition(self, coalition):
        """Members edit only the coalitions they take part in (not those that only inform them)."""
        if self.edits_everything:
            return True
        return self.can_contribute and any(
            member.user_id == self.user.pk and member.may_edit for member in coalition.members.all()
        )

    # Deleting is for whoever wrote the ambition, and those who run the network.
    can_delete_ambition = can_edit_ambition

    def _leads(self, coalition):
        return self.can_contribute and any(
            member.user_id == self.user.pk and member.role == member.Role.LEAD
            for member in coalition.members.all()
        )

    def can_delete_coalition(self, coalition):
        """A coalition is deleted by its trekkers, or by those who run the network."""
        return self.edits_everything or self._leads(coalition)

    def can_choose_leads(self, coalition):
        """Trekkers hand over (or share) the lead; those who run the network may too."""
        return self.edits_everything or self._leads(coalition)

    @property
    def can_steer_workshop(self):
        """Only facilitators steer a workshop: step, timer, silent writing, reveal, votes,
        forming coalitions from commitments. Every member votes and commits."""
        return self.is_facilitator

    def require(self, allowed):
        if not allowed:
            raise PermissionDenied


class GuestAccessEnded(PermissionDenied):
    """A guest's join link expired or was revoked (a workshop ended): they know the
    network, but take part no longer. Their pages send them to the thank-you page."""

    def __init__(self, network):
        super().__init__(
            _(
                "Je deed als gast mee via een deelnamelink die niet meer geldig is. "
                "Vraag de facilitator om een nieuwe code, of voeg op je profielpagina "
                "een e-mailadres en wachtwoord toe om lid te blijven."
            )
        )
        self.network = network


def _membership(request, network):
    user = request.user
    membership = None
    if user.is_authenticated:
        membership = (
            Membership.objects.select_related("join_link")
            .filter(network=network, user=user)
            .first()
        )
    if membership is None:
        raise Http404
    membership.user = user  # saves a query in guest_may_take_part
    return membership


def get_access(request, slug):
    """Return the Access of the signed-in person to the network `slug`; strangers get 404.

    A guest whose join link has expired or was revoked gets a 403 that says so: they
    know the network, but take part only while the link is valid.
    """
    network = get_object_or_404(Network, slug=slug)
    membership = _membership(request, network)
    if not membership.guest_may_take_part:
        raise GuestAccessEnded(network)
    return Access(network, request.user, membership)


def get_ended_guest(request, slug):
    """Return the membership of a guest whose access to the network `slug` ended, or None
    for a member who still takes part; strangers get 404."""
    network = get_object_or_404(Network, slug=slug)
    membership = _membership(request, network)
    membership.network = network
    return None if membership.guest_may_take_part else membership


def require_may_start_network(user):
    """Refuse a guest who starts a network (from scratch or from a file) with a 403.

    A network's facilitator must be able to come back: a guest has no password to.
    """
    if user.is_guest:
        raise PermissionDenied(
            _("Maak eerst een account (op je profielpagina) om een netwerk te beginnen.")
        )


def get_membership(access, pk):
    """Return the membership `pk` in the access's network; a stale or foreign id gets 404."""
    return get_object_or_404(
        Membership.objects.select_related("user", "actor__actor"), pk=pk, network=access.network
    )


def get_join_link(access, pk):
    """Return the join link `pk` of the access's network; a stale or foreign id gets 404."""
    return get_object_or_404(JoinLink, pk=pk, network=access.network)
