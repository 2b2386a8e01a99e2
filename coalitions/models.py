from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from networks.models import Membership, Network, NetworkActor, free_key


@dataclass
class LevelCount:
    """One level of involvement in an ambition, as its card shows it."""

    value: str
    label: str
    explanation: str
    names: list
    count: int
    mine: bool


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
    version = models.PositiveIntegerField(_("versie"), default=1)
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

    class Meta:
        verbose_name = _("ambitie")
        verbose_name_plural = _("ambities")
        ordering = ["network", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "key"], name="coalitions_ambition_unique_key"
            ),
            models.UniqueConstraint(
                "network", Lower("title"), name="coalitions_ambition_unique_title"
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def unique_key(cls, network, title):
        """Return a key for a new ambition titled `title` that the network does not use yet."""
        return free_key(cls.objects.filter(network=network), title, "ambitie")

    def commitment_levels(self, user=None):
        """Return the four levels with their people, counts and whether `user` chose it.

        Reads the prefetched `commitments` (with their users): no query per card.
        """
        commitments = list(self.commitments.all())
        explanations = CommitmentLevel.explanations()
        levels = []
        for level, label in CommitmentLevel.choices:
            chosen = [c for c in commitments if c.level == level]
            mine = user is not None and any(c.user_id == user.pk for c in chosen)
            names = [str(c.user) for c in chosen]
            levels.append(LevelCount(level, label, explanations[level], names, len(names), mine))
        return levels

    @property
    def has_doers(self):
        """Return whether someone wants to meedoen or meebepalen: a coalition can form."""
        return any(c.level in DOING for c in self.commitments.all())

    def commit(self, user, level):
        """Set how `user` wants to be involved; choosing their level again takes it back.

        Return the person's level now ("" when they took it back).
        """
        current = self.commitments.filter(user=user).first()
        if current is not None and current.level == level:
            current.delete()
            return ""
        if current is None:
            Commitment.objects.create(ambition=self, user=user, level=level)
        else:
            current.level = level
            current.save(update_fields=["level", "updated_at"])
        return level

    @transaction.atomic
    def form_coalition(self):
        """Create a coalition for this ambition from the commitments, and return it.

        "Wie wil met wie aan de slag?": the meebepalen people lead it (trekker), the
        meedoen people take part (both may edit it), and the organisations they represent
        are its core partners. The weten and meedenken people are kept informed: they
        asked to hear of it, or to be asked along, not to do the work.
        """
        commitments = list(self.commitments.select_related("user").order_by("created_at", "id"))
        doers = [c for c in commitments if c.level in DOING]
        if not doers:
            raise ValidationError(
                _("Nog niemand wil meedoen of meebepalen: er is nog geen coalitie te vormen.")
            )
        coalition = Coalition.objects.create(
            network=self.network,
            name=Coalition.unique_name(self.network, self.title),
            ambition=self,
            position=(self.network.coalitions.aggregate(Max("position"))["position__max"] or 0) + 1,
        )
        for commitment in commitments:
            CoalitionMember.objects.create(
                coalition=coalition, user=commitment.user, role=commitment.coalition_role
            )
        partners = Membership.objects.filter(
            network=self.network,
            user__in=[c.user_id for c in doers],
            actor__isnull=False,
        ).values_list("actor", flat=True)
        coalition.core_partners.set(set(partners))
        return coalition


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


class Coalition(models.Model):
    """A coalition of the willing: some partners working on one shared ambition."""

    WorkForm = WorkForm

    Status = CoalitionStatus

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
    target_group = models.CharField(_("doelgroep"), max_length=500, blank=True)
    core_partners = models.ManyToManyField(
        NetworkActor, blank=True, related_name="coalitions", verbose_name=_("kernpartners")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.IDEA)
    next_step = models.CharField(_("volgende stap"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("positie"), default=0)
    # Dots from the last closed vote on coalitions (not part of netwerkcanvas/1).
    votes = models.PositiveIntegerField(_("stemmen"), default=0)
    version = models.PositiveIntegerField(_("versie"), default=1)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["network", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                "network", Lower("name"), name="coalitions_coalition_unique_name"
            ),
            models.CheckConstraint(
                condition=models.Q(work_form__in=["", *WorkForm.values]),
                name="coalitions_coalition_valid_work_form",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CoalitionStatus.values),
                name="coalitions_coalition_valid_status",
            ),
        ]

    def __str__(self):
        return self.name

    @classmethod
    def unique_name(cls, network, name):
        """Return `name`, or `name (2)`, `(3)`…: the first the network does not use yet."""
        base, n = name[:190], 2
        candidate = name
        while cls.objects.filter(network=network, name__iexact=candidate).exists():
            candidate, n = f"{base} ({n})", n + 1
        return candidate

    # The people in each role; they read the prefetched `members` (with their users), so
    # a page of cards costs no query per card.
    def _members_with(self, role):
        return [member.user for member in self.members.all() if member.role == role]

    @property
    def leads(self):
        return self._members_with(CoalitionRole.LEAD)

    @property
    def participants(self):
        return self._members_with(CoalitionRole.MEMBER)

    @property
    def informed(self):
        return self._members_with(CoalitionRole.INFORMED)

    def role_of(self, user):
        """Return the role of `user` in this coalition, or "" when they are not in it."""
        return next((m.role for m in self.members.all() if m.user_id == user.pk), "")

    def take_part(self, user, role):
        """Put `user` in the coalition with `role` (joining, or switching role); return it.

        A lead who asks to take part stays lead: leading includes taking part.
        """
        member, created = CoalitionMember.objects.get_or_create(
            coalition=self, user=user, defaults={"role": role}
        )
        stays_lead = member.role == CoalitionRole.LEAD and role == CoalitionRole.MEMBER
        if not created and member.role != role and not stays_lead:
            member.role = role
            member.save(update_fields=["role"])
        return member

    def leave(self, user):
        """Take `user` out of the coalition; return whether they were in it."""
        deleted, _rows = CoalitionMember.objects.filter(coalition=self, user=user).delete()
        return bool(deleted)


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
