import functools
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, Max, OuterRef, Prefetch, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from networks.models import Activity, Membership, Network, NetworkActor, free_key
from networks.soft_delete import AliveManager, SoftDeleteQuerySet


@dataclass
class LevelCount:
    """One level of involvement in an ambition, as its card shows it."""

    value: str
    label: str
    explanation: str
    names: list
    count: int
    mine: bool


def _quoted(names):
    return ", ".join(f"“{name}”" for name in names)


def _free_name(queryset, field, name):
    """Return `name`, or `name (2)`, `(3)`…: the first no row of `queryset` has in `field`."""
    base, n = name[:190], 2
    candidate = name
    while queryset.filter(**{f"{field}__iexact": candidate}).exists():
        candidate, n = f"{base} ({n})", n + 1
    return candidate


class AmbitionQuerySet(SoftDeleteQuerySet):
    def visible_to(self, user):
        """Return the living ambitions `user` may read: everyone's, plus their own hidden ones."""
        return self.alive().filter(self._readable(user))

    def readable_by(self, user):
        """Return the ambitions, deleted or not, that `user` may act on: not others' hidden ones."""
        return self.filter(self._readable(user))

    @staticmethod
    def _readable(user):
        if user is None or not user.is_authenticated:
            return Q(hidden=False)
        return Q(hidden=False) | Q(created_by=user)


class RevealedManager(models.Manager.from_queryset(AmbitionQuerySet)):
    """Ambition's default manager: only what everyone may read, neither deleted nor
    hidden, so every list, count, export, poster, version, vote and reverse relation
    (`network.ambitions`) leaves both out without having to remember it."""

    def get_queryset(self):
        return super().get_queryset().alive().filter(hidden=False)


class Ambition(models.Model):
    """A concrete ambition of the network; coalitions form around it."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="ambitions", verbose_name=_("netwerk")
    )
    key = models.SlugField(_("sleutel"), max_length=64)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=5000, blank=True)
    position = models.PositiveIntegerField(_("positie"), default=0)
    # Dots from the last closed vote on ambitions (netwerkcanvas/1 has votes on notes only).
    votes = models.PositiveIntegerField(_("stemmen"), default=0)
    # Bumped on every edit, so a save over someone else's newer edit is caught.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    # Written during silent writing (a silent brainstorm): only its author reads it until
    # the facilitator reveals, like a note. Others' hidden ambitions exist for no one.
    hidden = models.BooleanField(_("verborgen"), default=False)
    # Whoever wrote the ambition may edit it, like the author of a note.
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
    deleted_at = models.DateTimeField(_("verwijderd"), null=True, blank=True)

    # Soft delete as in networks/soft_delete.py; `objects` leaves hidden ones out too.
    objects = RevealedManager()
    all_objects = AmbitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        ordering = ["network", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "key"], name="coalitions_ambition_unique_key"
            ),
            # A deleted ambition gives up its title (not its key, which exports name). A
            # hidden one holds none yet: nobody could be told it is taken without learning
            # what someone wrote in silence; the reveal numbers a twin (2).
            models.UniqueConstraint(
                "network",
                Lower("title"),
                condition=models.Q(deleted_at__isnull=True, hidden=False),
                name="coalitions_ambition_unique_title",
            ),
        ]

    def __str__(self):
        return self.title

    def log(self, by, kind, **params):
        """Log `kind` ("ambition.added"…) about this ambition. A hidden one's entry holds
        none of its text and names its author to that author alone, as a hidden note's."""
        if self.hidden:
            Activity.record(self.network_id, by, kind, hidden=True, silent=True, ambition=self.pk)
        else:
            Activity.record(self.network_id, by, kind, subject=self.title, **params)

    @classmethod
    @transaction.atomic
    def reveal_hidden(cls, network_id, names=True):
        """Show the network's hidden ambitions (a silent brainstorm); return how many.

        A title another ambition has meanwhile is numbered (2), (3)…: nothing is lost.
        Without `names` the log's entries about them lose their name for good.
        """
        hidden = list(cls.all_objects.filter(network_id=network_id, hidden=True).order_by("id"))
        for ambition in hidden:
            ambition.hidden = False
            if not ambition.is_deleted:
                ambition.title = _free_name(
                    cls.objects.filter(network_id=network_id), "title", ambition.title
                )
            ambition.save(update_fields=["hidden", "title", "updated_at"])
        entries = Activity.objects.filter(
            network_id=network_id, hidden=True, params__ambition__in=[a.pk for a in hidden]
        )
        if names:
            entries.update(hidden=False)
        else:
            entries.update(hidden=False, user=None, user_name="")
        return len(hidden)

    @classmethod
    def unique_key(cls, network, title):
        """Return a key for a new ambition titled `title` that the network does not use yet."""
        return free_key(cls.all_objects.filter(network=network), title, "ambitie")

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @transaction.atomic
    def soft_delete(self, *, by=None):
        """Hide the ambition but keep it (and who committed to it), so a slip can be undone.

        Refused while coalitions still work on it: they would lose their ambition without
        anyone choosing that. Raise ValidationError naming them.
        """
        Ambition.all_objects.select_for_update().filter(pk=self.pk).first()
        names = list(self.coalitions.order_by("position", "id").values_list("name", flat=True))
        if names:
            raise ValidationError(
                _(
                    "Deze ambitie heeft nog coalities: %(names)s. Koppel ze eerst aan een "
                    "andere ambitie of verwijder ze; daarna kun je de ambitie verwijderen."
                )
                % {"names": _quoted(names)}
            )
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])
        self.log(by, "ambition.deleted")

    @transaction.atomic
    def restore(self, *, by=None):
        """Bring the ambition back; if another took its title meanwhile, number it (2)…"""
        if not self.is_deleted:
            return
        if not self.hidden:  # a hidden one holds no title yet (see Meta)
            self.title = _free_name(
                Ambition.objects.filter(network_id=self.network_id), "title", self.title
            )
        self.deleted_at = None
        self.save(update_fields=["title", "deleted_at", "updated_at"])
        self.log(by, "ambition.restored")

    def commitment_levels(self, user=None):
        """Return the four levels with their people, counts and whether `user` chose it.

        Reads the prefetched `commitments` (with their users): no query per card.
        """
        commitments = list(self.commitments.all())
        levels = []
        for level, label, explanation in _level_texts(get_language()):
            chosen = [c for c in commitments if c.level == level]
            mine = user is not None and any(c.user_id == user.pk for c in chosen)
            names = [str(c.user) for c in chosen]
            levels.append(LevelCount(level, label, explanation, names, len(names), mine))
        return levels

    @property
    def has_doers(self):
        """Return whether someone wants to meedoen or meebepalen: a coalition can form."""
        return any(c.level in DOING for c in self.commitments.all())

    @transaction.atomic
    def commit(self, user, level):
        """Set how `user` wants to be involved; choosing their level again takes it back.

        Return the person's level now ("" when they took it back).
        """
        current = self.commitments.filter(user=user).first()
        if current is not None and current.level == level:
            current.delete()
            Activity.record(self.network_id, user, "commitment.withdrawn", subject=self.title)
            return ""
        if current is None:
            Commitment.objects.create(ambition=self, user=user, level=level)
        else:
            current.level = level
            current.save(update_fields=["level", "updated_at"])
        Activity.record(self.network_id, user, "commitment.set", subject=self.title, level=level)
        return level

    @transaction.atomic
    def form_coalition(self, *, by=None):
        """Form the ambition's coalition from the commitments, or bring it up to date;
        return it, with `coalition.forming` saying what changed (a `Forming`).

        "Wie wil met wie aan de slag?": the meebepalen people lead it (trekker), the
        meedoen people take part (both may edit it), and the organisations they represent
        are its core partners. The weten and meedenken people are kept informed: they
        asked to hear of it, or to be asked along, not to do the work.

        Pressing it again updates the coalition formed from this ambition before (while
        it is not deleted) instead of making a second one: newcomers join, and whoever
        raised their commitment gets the higher role. Nobody is removed or lowered
        silently: people whose commitment is now lower than their role are named in
        `forming.lowered`, for the facilitator to settle with them.
        """
        Ambition.all_objects.select_for_update().filter(pk=self.pk).first()  # one at a time
        commitments = list(self.commitments.select_related("user").order_by("created_at", "id"))
        doers = [c for c in commitments if c.level in DOING]
        coalition = self.formed_coalitions.filter(ambition=self).order_by("id").first()
        if coalition is None and not doers:
            raise ValidationError(
                _("Nog niemand wil meedoen of meebepalen: er is nog geen coalitie te vormen.")
            )
        forming = Forming(created=coalition is None)
        if coalition is None:
            coalition = Coalition.objects.create(
                network=self.network,
                name=Coalition.unique_name(self.network, self.title),
                ambition=self,
                formed_from=self,
                position=(self.network.coalitions.aggregate(Max("position"))["position__max"] or 0)
                + 1,
            )
        before = coalition.snapshot()
        members = {m.user_id: m for m in coalition.members.all()}
        for commitment in commitments:
            role, member = commitment.coalition_role, members.get(commitment.user_id)
            name = str(commitment.user)
            if member is None:
                CoalitionMember.objects.create(coalition=coalition, user=commitment.user, role=role)
                forming.added.append(name)
            elif ROLE_RANK[role] > ROLE_RANK[member.role]:
                member.role = role
                member.save(update_fields=["role"])
                forming.raised.append(name)
            elif ROLE_RANK[role] < ROLE_RANK[member.role]:
                forming.lowered.append(name)
        partners = Membership.objects.filter(
            network=self.network,
            user__in=[c.user_id for c in doers],
            actor__isnull=False,
        ).values_list("actor", flat=True)
        coalition.core_partners.add(*set(partners))  # adds; keeps the partners it had
        after = coalition.snapshot()
        if forming.created:
            Activity.record(
                self.network_id,
                by,
                "coalition.formed",
                subject=coalition.name,
                ambition=self.title,
                after=after,
            )
        elif forming.added or forming.raised or before != after:
            Activity.record(
                self.network_id,
                by,
                "coalition.reformed",
                subject=coalition.name,
                ambition=self.title,
                before=before,
                after=after,
            )
        forming.name = coalition.name
        coalition.forming = forming
        return coalition


@dataclass
class Forming:
    """What pressing "Coalitie vormen" did: the names of who joined, who got a higher
    role, and who has a lower commitment now than their role (kept, not lowered)."""

    created: bool
    name: str = ""
    added: list = field(default_factory=list)
    raised: list = field(default_factory=list)
    lowered: list = field(default_factory=list)

    def sentence(self):
        """Return what happened, in one or more whole sentences for the facilitator."""
        if self.created:
            parts = [_("Coalitie “%(name)s” gevormd.") % {"name": self.name}]
        elif self.added or self.raised:
            parts = [_("Coalitie “%(name)s” bijgewerkt.") % {"name": self.name}]
        else:
            parts = [
                _("Coalitie “%(name)s” is al gevormd; er heeft zich sindsdien niemand bij gemeld.")
                % {"name": self.name}
            ]
        if self.added and not self.created:
            parts.append(_("Nieuw: %(names)s.") % {"names": ", ".join(self.added)})
        if self.raised:
            parts.append(_("Hogere rol: %(names)s.") % {"names": ", ".join(self.raised)})
        if self.lowered:
            parts.append(
                _(
                    "Lager betrokken dan hun rol, niet aangepast: %(names)s. Pas hun rol "
                    "zo nodig samen met hen aan in de coalitie."
                )
                % {"names": ", ".join(self.lowered)}
            )
        return " ".join(str(part) for part in parts)


class WorkForm(models.TextChoices):
    EVENT = "evenement", _("evenement")
    PROJECT = "project", _("project")
    PROCESS = "proces", _("proces")
    ALLIANCE = "alliantie", _("alliantie")
    INITIATIVE = "initiatief", _("initiatief")
    PROGRAMME = "programma", _("programma")


class CoalitionStatus(models.TextChoices):
    IDEA = "idee", _("idee")
    ACTIVE = "actief", _("actief")
    DONE = "afgerond", _("afgerond")


class CoalitionCharacter(models.TextChoices):
    """What a coalition is for (article 003): a tangible result, or sharing knowledge."""

    RESULT = "resultaat", _("resultaat")
    KNOWLEDGE = "kennis", _("kennis delen")


class Coalition(models.Model):
    """A coalition of the willing: some partners working on one shared ambition.

    Coalitions are temporary: they start, end, and once closed (afgerond) say what they
    delivered and learned.
    """

    WorkForm = WorkForm

    Status = CoalitionStatus

    Character = CoalitionCharacter

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="coalitions", verbose_name=_("netwerk")
    )
    name = models.CharField(_("naam"), max_length=200)
    work_form = models.CharField(
        _("werkvorm"), max_length=20, choices=WorkForm, blank=True, default=""
    )
    ambition = models.ForeignKey(
        Ambition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coalitions",
        verbose_name=_("gedeelde ambitie"),
    )
    # The ambition whose "Coalitie vormen" made it: pressing it again updates this one.
    formed_from = models.ForeignKey(
        Ambition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="formed_coalitions",
        verbose_name=_("gevormd uit ambitie"),
        editable=False,
    )
    target_group = models.CharField(_("doelgroep"), max_length=500, blank=True)
    core_partners = models.ManyToManyField(
        NetworkActor, blank=True, related_name="coalitions", verbose_name=_("kernpartners")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IDEA)
    # Read-only since actions (coalitions/actions): the title of the next open action,
    # kept up to date by them, so posters, versions and netwerkcanvas/1 keep their field.
    next_step = models.CharField(_("volgende stap"), max_length=500, blank=True)
    character = models.CharField(
        _("karakter"), max_length=20, choices=Character, blank=True, default=""
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("einde"), null=True, blank=True)
    delivered = models.TextField(_("wat het opleverde"), max_length=5000, blank=True)
    learned = models.TextField(_("wat we leerden"), max_length=5000, blank=True)
    position = models.PositiveIntegerField(_("positie"), default=0)
    # Dots from the last closed vote on coalitions (not part of netwerkcanvas/1).
    votes = models.PositiveIntegerField(_("stemmen"), default=0)
    # Bumped on every edit, so a save over someone else's newer edit is caught.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)
    deleted_at = models.DateTimeField(_("verwijderd"), null=True, blank=True)

    # Soft delete as in networks/soft_delete.py.
    objects = AliveManager()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["network", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                "network",
                Lower("name"),
                condition=models.Q(deleted_at__isnull=True),
                name="coalitions_coalition_unique_name",
            ),
            models.CheckConstraint(
                condition=models.Q(work_form__in=["", *WorkForm.values]),
                name="coalitions_coalition_valid_work_form",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CoalitionStatus.values),
                name="coalitions_coalition_valid_status",
            ),
            models.CheckConstraint(
                condition=models.Q(character__in=["", *CoalitionCharacter.values]),
                name="coalitions_coalition_valid_character",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="coalitions_coalition_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def unique_name(cls, network, name):
        """Return `name`, or `name (2)`, `(3)`…: the first the network does not use yet."""
        return _free_name(cls.objects.filter(network=network), "name", name)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @transaction.atomic
    def soft_delete(self, *, by=None):
        """Hide the coalition but keep it, its members and partners, so a slip can be undone."""
        self.deleted_at = timezone.now()
        self.save(update_fields=["deleted_at", "updated_at"])
        Activity.record(self.network_id, by, "coalition.deleted", subject=self.name)

    @transaction.atomic
    def restore(self, *, by=None):
        """Bring the coalition back. If its name was taken meanwhile it gets a number (2)…;
        if its ambition was deleted meanwhile, it comes back without one."""
        if not self.is_deleted:
            return
        self.name = _free_name(
            Coalition.objects.filter(network_id=self.network_id), "name", self.name
        )
        if self.ambition_id and not Ambition.objects.filter(pk=self.ambition_id).exists():
            self.ambition = None
        self.deleted_at = None
        self.save(update_fields=["name", "ambition", "deleted_at", "updated_at"])
        Activity.record(self.network_id, by, "coalition.restored", subject=self.name)

    def snapshot(self):
        """Return the coalition's fields as the activity log keeps them (before → after)."""
        return {
            "name": self.name,
            "work_form": self.work_form,
            "ambition": str(self.ambition or ""),
            "core_partners": sorted(str(partner.actor) for partner in self.core_partners.all()),
            "target_group": self.target_group,
            "status": self.status,
            "character": self.character,
            "starts_on": self.starts_on.isoformat() if self.starts_on else "",
            "ends_on": self.ends_on.isoformat() if self.ends_on else "",
            "delivered": self.delivered,
            "learned": self.learned,
        }

    def refresh_next_step(self):
        """Set `next_step` to the next open action's title ("" when none is open).

        The field is what netwerkcanvas/1, versions and posters call the next step; the
        actions own it now, so it is never edited by hand.
        """
        upcoming = (
            self.actions.open().order_by(models.F("due_on").asc(nulls_last=True), "id").first()
        )
        self.next_step = upcoming.title if upcoming else ""
        Coalition.all_objects.filter(pk=self.pk).update(next_step=self.next_step)

    # The people in each role; they read the prefetched `members` (with their users), so
    # a page of cards costs no query per card.
    def _members_with(self, role):
        return [member.user for member in self.members.all() if member.role == role]

    @property
    def leads(self):
        return self._members_with(CoalitionRole.LEAD)

    @classmethod
    def out_of_reach(cls, network):
        """Return the network's coalitions that have trekkers, none of whom can reach it:
        guests whose access ended (their workshop is over), or people no longer in the
        network. Someone has to take the lead over, or the guest keep access.

        Each comes with its trekkers prefetched (`leads`), in two queries for any number.
        """
        now = timezone.now()
        may_take_part = Membership.objects.filter(network=network, user=OuterRef("user")).filter(
            Q(user__is_guest=False)
            | Q(join_link__revoked_at__isnull=True, join_link__expires_at__gt=now)
        )
        leads = CoalitionMember.objects.filter(coalition=OuterRef("pk"), role=CoalitionRole.LEAD)
        return (
            cls.objects.filter(network=network)
            .filter(Exists(leads))
            .exclude(Exists(leads.filter(Exists(may_take_part))))
            .prefetch_related(
                Prefetch(
                    "members",
                    queryset=CoalitionMember.objects.filter(role=CoalitionRole.LEAD)
                    .select_related("user")
                    .order_by("created_at", "id"),
                )
            )
            .order_by("position", "id")
        )

    @property
    def participants(self):
        return self._members_with(CoalitionRole.MEMBER)

    @property
    def informed(self):
        return self._members_with(CoalitionRole.INFORMED)

    def role_of(self, user):
        """Return the role of `user` in this coalition, or "" when they are not in it."""
        return next((m.role for m in self.members.all() if m.user_id == user.pk), "")

    @transaction.atomic
    def take_part(self, user, role):
        """Put `user` in the coalition with `role` (joining, or switching role); return it.

        A lead who asks to take part stays lead: leading includes taking part. The only
        lead may not switch to being kept informed while others remain (ValidationError).
        """
        self._lock()
        member, created = CoalitionMember.objects.get_or_create(
            coalition=self, user=user, defaults={"role": role}
        )
        stays_lead = member.role == CoalitionRole.LEAD and role == CoalitionRole.MEMBER
        changed = not created and member.role != role and not stays_lead
        if changed:
            self._keep_a_lead(member)
            member.role = role
            member.save(update_fields=["role"])
        if created or changed:
            Activity.record(
                self.network_id, user, "coalition.joined", subject=self.name, role=member.role
            )
        return member

    @transaction.atomic
    def leave(self, user):
        """Take `user` out of the coalition; return whether they were in it.

        The only lead may not leave while others remain (ValidationError).
        """
        self._lock()
        member = CoalitionMember.objects.filter(coalition=self, user=user).first()
        if member is None:
            return False
        self._keep_a_lead(member)
        member.delete()
        Activity.record(self.network_id, user, "coalition.left", subject=self.name)
        return True

    @transaction.atomic
    def set_role(self, member, role, *, by=None):
        """Make `member` trekker, or back to taking part (lid); return whether it changed.

        A coalition keeps at least one trekker: the last one cannot step down
        (ValidationError) until they have made someone else trekker.
        """
        self._lock()
        member = CoalitionMember.objects.select_related("user").get(pk=member.pk, coalition=self)
        if member.role == role:
            return False
        self._keep_a_lead(member)
        before = self._lead_names()
        member.role = role
        member.save(update_fields=["role"])
        Activity.record(
            self.network_id,
            by,
            "coalition.lead",
            subject=self.name,
            person=str(member.user),
            role=role,
            before={"leads": before},
            after={"leads": self._lead_names()},
        )
        return True

    def _lead_names(self):
        members = CoalitionMember.objects.filter(coalition=self, role=CoalitionRole.LEAD)
        return [str(m.user) for m in members.select_related("user").order_by("role", "id")]

    def _lock(self):
        # One change of roles at a time: two trekkers stepping down together would both
        # see the other one still there.
        Coalition.all_objects.select_for_update().filter(pk=self.pk).first()

    def _keep_a_lead(self, member):
        """Refuse to take away the coalition's last trekker while others are in it."""
        if member.role != CoalitionRole.LEAD:
            return
        others = CoalitionMember.objects.filter(coalition=self).exclude(pk=member.pk)
        if others.exists() and not others.filter(role=CoalitionRole.LEAD).exists():
            raise ValidationError(
                _(
                    "%(name)s is de enige trekker van deze coalitie. Maak eerst iemand anders "
                    "trekker; een coalitie houdt altijd een trekker."
                )
                % {"name": member.user}
            )


class CoalitionRole(models.TextChoices):
    LEAD = "trekker", _("trekker")
    MEMBER = "lid", _("doet mee")
    INFORMED = "informed", _("op de hoogte houden")


class CoalitionMember(models.Model):
    """A person in a coalition: who leads, who takes part, who is only kept informed."""

    Role = CoalitionRole

    coalition = models.ForeignKey(
        Coalition, on_delete=models.CASCADE, related_name="members", verbose_name=_("coalitie")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coalition_memberships",
        verbose_name=_("persoon"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role, default=Role.MEMBER)
    created_at = models.DateTimeField(_("sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("coalitielid")
        verbose_name_plural = _("coalitieleden")
        ordering = ["coalition", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "user"], name="coalitions_member_once_per_coalition"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=CoalitionRole.values),
                name="coalitions_member_valid_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.coalition} ({self.get_role_display()})"

    @property
    def may_edit(self):
        """Return whether this person may edit the coalition: those who take part do."""
        return self.role in (self.Role.LEAD, self.Role.MEMBER)


class CommitmentLevel(models.TextChoices):
    """Common Eye's four ways to be involved in an ambition, from light to leading."""

    KNOW = "weten", _("weten")
    THINK = "meedenken", _("meedenken")
    DO = "meedoen", _("meedoen")
    DECIDE = "meebepalen", _("meebepalen")

    @classmethod
    def explanations(cls):
        return {
            cls.KNOW: _("houd me op de hoogte"),
            cls.THINK: _("ik denk mee"),
            cls.DO: _("ik doe mee"),
            cls.DECIDE: _("ik wil meebepalen en trekken"),
        }


@functools.cache
def _level_texts(language):
    """Return [(level, label, explanation)] in `language`, the active one: every ambition
    card shows them, so they are translated once per language rather than per card."""
    explanations = CommitmentLevel.explanations()
    return [
        (level, str(label), str(explanations[level])) for level, label in CommitmentLevel.choices
    ]


def choice_labels(choices):
    """Return the {value: label} of `choices` in the active language, as plain strings.

    Thirty cards on a board each show a status and a work form: translated once per
    language, not per card (as `get_status_display` would).
    """
    return _choice_labels(choices, get_language())


@functools.cache
def _choice_labels(choices, language):
    return {value: str(label) for value, label in choices.choices}


# How much a role in a coalition asks, from least to most.
ROLE_RANK = {CoalitionRole.INFORMED: 0, CoalitionRole.MEMBER: 1, CoalitionRole.LEAD: 2}

# The levels of the people who do the work: the seed of a coalition.
DOING = (CommitmentLevel.DO, CommitmentLevel.DECIDE)


class Commitment(models.Model):
    """How one person wants to be involved in one ambition: weten … meebepalen."""

    Level = CommitmentLevel

    ambition = models.ForeignKey(
        Ambition, on_delete=models.CASCADE, related_name="commitments", verbose_name=_("ambitie")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="commitments",
        verbose_name=_("persoon"),
    )
    level = models.CharField(_("betrokkenheid"), max_length=20, choices=Level)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("betrokkenheid")
        verbose_name_plural = _("betrokkenheid")
        ordering = ["ambition", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ambition", "user"], name="coalitions_commitment_once_per_ambition"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=CommitmentLevel.values),
                name="coalitions_commitment_valid_level",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.ambition} ({self.get_level_display()})"

    @property
    def coalition_role(self):
        """Return the role this commitment gives in a coalition formed for the ambition."""
        return {
            CommitmentLevel.DECIDE: CoalitionRole.LEAD,
            CommitmentLevel.DO: CoalitionRole.MEMBER,
        }.get(self.level, CoalitionRole.INFORMED)
