"""What a coalition does between the workshops: actions, each with wat, wie, wanneer."""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.digests.reminders import DAYS_BEFORE
from coalitions.models import Coalition, CoalitionMember, CoalitionRole
from networks.models import Activity, Membership

# How soon an action counts as "due soon" on Mijn coalities.
DUE_SOON = datetime.timedelta(days=14)


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    BUSY = "bezig", _("bezig")
    DONE = "klaar", _("klaar")


class ActionQuerySet(models.QuerySet):
    def open(self):
        """Return the actions still to do: open or bezig."""
        return self.exclude(status=ActionStatus.DONE)

    def alive(self):
        """Return the actions of coalitions that are not deleted."""
        return self.filter(coalition__deleted_at__isnull=True)

    def overdue(self, today=None):
        """Return the open actions whose date has passed."""
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def by_due(self):
        """Order by date (those without one last), then as they were added."""
        return self.order_by(models.F("due_on").asc(nulls_last=True), "id")


class Action(models.Model):
    """One thing a coalition will do: what, who (a person in it) and when."""

    Status = ActionStatus

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="actions", verbose_name=_("coalitie")
    )
    title = models.CharField(_("wat"), max_length=500)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalition_actions",
        verbose_name=_("wie"),
    )
    due_on = models.DateField(_("wanneer"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    # Bumped on every edit, so a save over someone else's newer edit is caught.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    done_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["coalition", "due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ActionStatus.values),
                name="actions_action_valid_status",
            ),
        ]
        indexes = [models.Index(fields=["owner", "status"], name="actions_owner_status")]

    def __str__(self):
        return self.title

    @classmethod
    def keep_next_step(cls, coalition, text):
        """Make a "volgende stap" from a netwerkcanvas/1 document an open action (no one's,
        without a date) unless an open action says it already; then refresh the field.

        So an imported or restored next step is never lost to the next edit of actions.
        """
        if text and not cls.objects.open().filter(coalition=coalition, title=text).exists():
            cls.objects.create(coalition=coalition, title=text)
        coalition.refresh_next_step()

    @property
    def is_done(self):
        return self.status == ActionStatus.DONE

    # What a reminder reads of an item (coalitions/digests/reminders.py).
    @property
    def due_date(self):
        return self.due_on

    @property
    def network(self):
        return self.coalition.network

    def get_absolute_url(self):
        return reverse("actions:coalition", args=[self.coalition.network.slug, self.coalition_id])

    @classmethod
    def due_for_reminders(cls, today):
        """Return the open actions with an owner due from `today` until the reminders'
        horizon: what `send_digests` reminds their owners of."""
        last = today + datetime.timedelta(days=DAYS_BEFORE)
        return (
            cls.objects.open()
            .alive()
            .filter(owner__isnull=False, due_on__range=(today, last))
            .select_related("owner", "coalition__network")
        )

    @property
    def overdue(self):
        return self.is_overdue()

    @property
    def due_soon(self):
        """Return whether the action is open and due within DUE_SOON (not yet late)."""
        today = timezone.localdate()
        return (
            not self.is_done
            and self.due_on is not None
            and today <= self.due_on <= today + DUE_SOON
        )

    def is_overdue(self, today=None):
        return (
            not self.is_done
            and self.due_on is not None
            and self.due_on < (today or timezone.localdate())
        )

    def snapshot(self):
        """Return the action's fields as the activity log keeps them (before → after)."""
        return {
            "title": self.title,
            "owner": str(self.owner) if self.owner_id else "",
            "due_on": self.due_on.isoformat() if self.due_on else "",
            "status": self.status,
        }

    @transaction.atomic
    def set_status(self, status, *, by=None):
        """Mark the action open, bezig or klaar; return whether it changed."""
        if status == self.status:
            return False
        self.status = status
        self.done_at = timezone.now() if status == ActionStatus.DONE else None
        # A new revision, counted in the database: an edit form opened before this is
        # then refused as stale (409) rather than silently undoing the status.
        Action.objects.filter(pk=self.pk).update(
            status=status,
            done_at=self.done_at,
            revision=models.F("revision") + 1,
            updated_at=timezone.now(),
        )
        self.revision = Action.objects.values_list("revision", flat=True).get(pk=self.pk)
        self.coalition.refresh_next_step()
        Activity.record(
            self.coalition.network_id,
            by,
            "action.status",
            subject=self.title,
            coalition=self.coalition.name,
            status=status,
        )
        return True


def owners(coalition):
    """Return the people an action of `coalition` may be given to: those taking part."""
    roles = (CoalitionRole.LEAD, CoalitionRole.MEMBER)
    return [m.user for m in coalition.members.all() if m.role in roles]


class Contact:
    """A person in a coalition as its partners see them: name, role, and their address
    when they allow it and the viewer is in the coalition too."""

    def __init__(self, member, *, show_email):
        self.name = str(member.user)
        self.role = member.role
        self.email = member.user.shared_email if show_email else ""


def contacts(coalition, viewer):
    """Return the coalition's trekkers then members (not those only kept informed) as
    Contacts for `viewer`; read from the prefetched `members` with their users.

    Addresses go only to someone in the coalition themselves, never to a guest.
    """
    members = list(coalition.members.all())
    inside = not getattr(viewer, "is_guest", True) and any(m.user_id == viewer.pk for m in members)
    rank = {CoalitionRole.LEAD: 0, CoalitionRole.MEMBER: 1}
    return [
        Contact(m, show_email=inside)
        for m in sorted(members, key=lambda m: (rank.get(m.role, 2), str(m.user)))
        if m.role in rank
    ]


class MyCoalition:
    """One of a person's coalitions on Mijn coalities: its network, their role, its
    people and its actions (open ones first by date)."""

    def __init__(self, coalition, role, actions, viewer):
        self.coalition, self.role = coalition, role
        self.network = coalition.network
        self.actions = actions
        self.open_actions = [a for a in actions if not a.is_done]
        self.done_count = len(actions) - len(self.open_actions)
        self.contacts = contacts(coalition, viewer)
        dates = [a.due_on for a in self.open_actions if a.due_on]
        self.next_due = min(dates) if dates else None

    @property
    def may_edit(self):
        return self.role in (CoalitionRole.LEAD, CoalitionRole.MEMBER)


def my_coalitions(user):
    """Return (the person's open actions, their coalitions) across all their networks,
    due soon first; a fixed number of queries however many there are.

    Only coalitions that are not deleted, in networks the person may still open (a
    guest whose join link lapsed may not).
    """
    # The networks the person may open now: a guest's end with their join link.
    networks = []
    for membership in Membership.objects.filter(user=user).select_related("join_link"):
        membership.user = user  # known: no query for it
        if membership.guest_may_take_part:
            networks.append(membership.network_id)
    memberships = (
        CoalitionMember.objects.filter(
            user=user,
            coalition__deleted_at__isnull=True,
            coalition__network__in=networks,
        )
        .select_related("coalition__network")
        .prefetch_related(
            models.Prefetch(
                "coalition__members",
                queryset=CoalitionMember.objects.select_related("user").order_by("id"),
            )
        )
    )
    memberships = list(memberships)
    ids = [m.coalition_id for m in memberships]
    actions = list(Action.objects.filter(coalition__in=ids).select_related("owner").by_due())
    by_coalition = {}
    for action in actions:
        by_coalition.setdefault(action.coalition_id, []).append(action)
    entries = []
    for membership in memberships:
        coalition = membership.coalition
        for action in by_coalition.get(coalition.pk, []):
            action.coalition = coalition  # known: no query for its name or network
        entries.append(
            MyCoalition(coalition, membership.role, by_coalition.get(coalition.pk, []), user)
        )
    far = datetime.date.max
    entries.sort(key=lambda e: (e.next_due or far, e.coalition.name.casefold()))
    mine = [a for a in actions if a.owner_id == user.pk and not a.is_done]
    return mine, entries
