from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from networks.models import Network, NetworkActor, free_key


class Ambition(models.Model):
    """A concrete ambition of the network; coalitions form around it."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="ambitions", verbose_name=_("netwerk")
    )
    key = models.SlugField(_("sleutel"), max_length=64)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), max_length=5000, blank=True)
    position = models.PositiveIntegerField(_("positie"), default=0)
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
