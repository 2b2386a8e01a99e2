from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        # Sign-in by email is case-insensitive.
        return self.get(email__iexact=email)

    def create_user(self, email=None, password=None, **extra_fields):
        email = self.normalize_email(email).lower() or None
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: signs in with email and password, or takes part as a guest by name.

    Guests join a workshop with only a display name: no email and no usable password,
    until they add both and become a full member with their notes kept.
    """

    email = models.EmailField(_("e-mailadres"), unique=True, null=True, blank=True)
    name = models.CharField(_("naam"), max_length=200)
    is_guest = models.BooleanField(_("gast"), default=False)
    is_staff = models.BooleanField(_("beheerder"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemeld op"), default=timezone.now)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="networks_user_unique_email_ci"),
            models.CheckConstraint(
                condition=models.Q(is_guest=True) | models.Q(email__isnull=False),
                name="networks_user_email_unless_guest",
            ),
        ]

    def __str__(self):
        return self.name or self.email or f"#{self.pk}"

    def get_full_name(self):
        return str(self)

    def get_short_name(self):
        return str(self)

    @property
    def initials(self):
        return "".join(word[0] for word in str(self).split()[:2]).upper()


class NetworkType(models.TextChoices):
    LEARNING = "lerend netwerk", _("lerend netwerk")
    CHAIN = "ketensamenwerking", _("ketensamenwerking")
    ORGANISATION = "organisatienetwerk", _("organisatienetwerk")


def free_key(queryset, text, fallback):
    """Return a slug of `text` that no row of `queryset` has as its `key` (adding -2, -3…)."""
    base = slugify(text)[:56] or fallback
    taken = set(queryset.filter(key__startswith=base).values_list("key", flat=True))
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


class Network(models.Model):
    Type = NetworkType

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("beschrijving"), max_length=5000, blank=True)
    network_type = models.CharField(
        _("netwerktype"), max_length=20, choices=Type, blank=True, default=""
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("netwerk")
        verbose_name_plural = _("netwerken")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(network_type__in=["", *NetworkType.values]),
                name="networks_network_valid_type",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.slug])

    @classmethod
    def start(cls, facilitator, **fields):
        """Create a network with `facilitator` as its first facilitator."""
        network = cls.objects.create(slug=cls.unique_slug(fields["name"]), **fields)
        Membership.objects.create(
            network=network, user=facilitator, role=MembershipRole.FACILITATOR
        )
        return network

    @classmethod
    def unique_slug(cls, name):
        """Return a slug for a new network named `name` that no network uses yet."""
        base = slugify(name)[:70] or "netwerk"
        slug, n = base, 2
        while cls.objects.filter(slug=slug).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Actor(models.Model):
    """An organisation in the one register that all networks share."""

    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"),
        max_length=100,
        blank=True,
        help_text=_("Bijvoorbeeld schoolbestuur, school, lerarenopleiding, gemeente, bedrijf."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actoren")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="networks_actor_unique_name"),
        ]

    def __str__(self):
        return self.name


class ActorRole(models.TextChoices):
    CORE = "kernpartner", _("kernpartner")
    PARTICIPANT = "deelnemer", _("deelnemer")
    PERIPHERY = "periferie", _("periferie")


class NetworkActor(models.Model):
    """An actor's place in one network: its role there, and its key in the format.

    An actor without a role is an outside party: not a member of the network, but a
    core partner of one of its coalitions.
    """

    Role = ActorRole

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="network_actors", verbose_name=_("netwerk")
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.PROTECT, related_name="network_actors", verbose_name=_("actor")
    )
    key = models.SlugField(_("sleutel"), max_length=64)
    role = models.CharField(_("rol"), max_length=20, choices=Role, blank=True, default="")
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("actor in netwerk")
        verbose_name_plural = _("actoren in netwerken")
        ordering = ["network", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "actor"], name="networks_networkactor_once_per_network"
            ),
            models.UniqueConstraint(
                fields=["network", "key"], name="networks_networkactor_unique_key"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["", *ActorRole.values]),
                name="networks_networkactor_valid_role",
            ),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_role_display() or _('buiten het netwerk')})"

    @property
    def is_outside(self):
        return not self.role

    @classmethod
    def unique_key(cls, network, name):
        """Return a key for a new actor named `name` that the network does not use yet."""
        return free_key(cls.objects.filter(network=network), name, "actor")

    @classmethod
    def find_or_add(cls, network, name, *, kind="", role=""):
        """Return the network's actor named `name` (ignoring case), adding it when new.

        The register is shared by all networks: a known organisation is linked, not
        created twice. A new actor without a role is an outside party.
        """
        existing = cls.objects.filter(network=network, actor__name__iexact=name).first()
        if existing is not None:
            return existing
        actor = Actor.objects.filter(name__iexact=name).first()
        if actor is None:
            actor = Actor.objects.create(name=name, kind=kind)
        return cls.objects.create(
            network=network, actor=actor, key=cls.unique_key(network, name), role=role
        )

    def rename(self, name, kind):
        """Give this network's actor a new name and kind without changing other networks.

        The register is shared: an organisation other networks use too keeps its name
        there, and this network links to the register entry of the new name instead.
        """
        actor = self.actor
        shared = actor.network_actors.exclude(pk=self.pk).exists()
        if name.casefold() != actor.name.casefold():
            other = Actor.objects.filter(name__iexact=name).first()
            if other is not None or shared:
                self.actor = other or Actor.objects.create(name=name, kind=kind)
                self.save(update_fields=["actor"])
                return
        if shared:
            # Other networks show this organisation too: only a missing kind is filled in.
            name, kind = actor.name, actor.kind or kind
        actor.name, actor.kind = name, kind
        actor.save(update_fields=["name", "kind"])


class MembershipRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    COORDINATOR = "coordinator", _("coördinator")
    MEMBER = "member", _("deelnemer")


class Membership(models.Model):
    """A person's role in one network."""

    Role = MembershipRole

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("netwerk")
    )
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("persoon")
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role, default=Role.MEMBER)
    # The organisation this person represents in the network, when known.
    actor = models.ForeignKey(
        NetworkActor,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("organisatie"),
    )
    created_at = models.DateTimeField(_("lid sinds"), auto_now_add=True)

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["network", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "user"], name="networks_membership_once_per_network"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=MembershipRole.values),
                name="networks_membership_valid_role",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.network} ({self.get_role_display()})"

    @property
    def edits_everything(self):
        return self.role in (self.Role.FACILITATOR, self.Role.COORDINATOR)


class Activity(models.Model):
    """One change to a network's canvas, coalitions, actors or people: who, what, when.

    Edits keep what changed, before → after, so the log can be read without the objects
    (which may be gone by then).
    """

    class Area(models.TextChoices):
        NETWORK = "network", _("netwerk")
        IDENTITY = "identity", _("Identiteit")
        RULES = "rules", _("Spelregels")
        ORGANISATION = "organisation", _("Organisatie")
        LEADERSHIP = "leadership", _("Regie en leiderschap")
        AMBITIONS = "ambitions", _("Ambities")
        COALITIONS = "coalitions", _("Coalities")
        ACTORS = "actors", _("actoren")
        PEOPLE = "people", _("mensen")
        VERSIONS = "versions", _("versies")

    class Action(models.TextChoices):
        CREATED = "created", _("toegevoegd")
        EDITED = "edited", _("gewijzigd")
        DELETED = "deleted", _("verwijderd")
        RESTORED = "restored", _("teruggezet")
        MOVED = "moved", _("verplaatst")
        JOINED = "joined", _("doet mee")
        LEFT = "left", _("doet niet meer mee")

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="activities", verbose_name=_("netwerk")
    )
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("door"),
    )
    # The name at the time, so the log still reads well after an account is gone.
    user_name = models.CharField(_("naam"), max_length=200, blank=True)
    area = models.CharField(_("onderdeel"), max_length=20, choices=Area)
    action = models.CharField(_("actie"), max_length=20, choices=Action)
    subject = models.CharField(_("onderwerp"), max_length=200)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user_name} {self.get_action_display()} {self.subject}"

    @classmethod
    def record(cls, network, user, area, action, subject, *, before=None, after=None):
        """Log one change; `before`/`after` are dicts of the fields an edit changed."""
        if before is not None and after is not None:
            changed = {key for key in after if before.get(key) != after.get(key)}
            before = {key: before.get(key) for key in changed}
            after = {key: after[key] for key in changed}
        return cls.objects.create(
            network=network,
            user=user if user is not None and user.is_authenticated else None,
            user_name=str(user) if user is not None and user.is_authenticated else "",
            area=area,
            action=action,
            subject=str(subject)[:200],
            before=before,
            after=after,
        )
