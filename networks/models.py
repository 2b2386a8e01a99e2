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


# Looking at a network: self-scans, advice answers and dismissed signals (analysis.md).


class ScanKind(models.TextChoices):
    KENMERKEN = "kenmerken", _("Zeven kenmerken van een lerend netwerk")
    SAMENWERKING = "samenwerking", _("Samenwerkingsscan in vier perspectieven")


class ScanQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens__lte=now, closes__gt=now)


class Scan(models.Model):
    """A self-scan that members of one network answer during a period.

    Results are shown only after it closes, so no one can work out a person's answer by
    watching the figures change as they submit.
    """

    Kind = ScanKind

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="scans", verbose_name=_("netwerk")
    )
    kind = models.CharField(_("soort scan"), max_length=20, choices=Kind)
    opened_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geopend door"),
    )
    opens = models.DateTimeField(_("open vanaf"), default=timezone.now)
    closes = models.DateTimeField(_("sluit op"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = ScanQuerySet.as_manager()

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans")
        ordering = ["-opens", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ScanKind.values), name="networks_scan_valid_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gte=models.F("opens")),
                name="networks_scan_closes_after_opening",
            ),
        ]

    def __str__(self):
        return _("Scan %(kind)s van %(date)s") % {
            "kind": self.get_kind_display(),
            "date": timezone.localtime(self.opens).strftime("%d-%m-%Y"),
        }

    @property
    def definition(self):
        from networks.scans import SCANS

        return SCANS[self.kind]

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens <= now < self.closes

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.closes

    def close(self, now=None):
        """Close the scan now (its results become visible)."""
        self.closes = max(now or timezone.now(), self.opens)
        self.save(update_fields=["closes"])

    def previous(self):
        """Return the run of the same scan before this one in this network, if any."""
        return (
            Scan.objects.filter(network=self.network_id, kind=self.kind, opens__lt=self.opens)
            .order_by("-opens", "-id")
            .first()
        )

    def results(self):
        from networks.scans import results

        return results(self.definition, self.responses.values_list("answers", flat=True))


class ScanResponse(models.Model):
    """One person's answers to one scan: {item code: 1–5, or None for "weet ik niet"}.

    The person is kept only so they answer once and may change their answer while the
    scan is open; no page shows answers per person.
    """

    scan = models.ForeignKey(
        Scan, on_delete=models.CASCADE, related_name="responses", verbose_name=_("scan")
    )
    respondent = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deelnemer"),
    )
    answers = models.JSONField(_("antwoorden"), default=dict)
    created_at = models.DateTimeField(_("ingevuld"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord op een scan")
        verbose_name_plural = _("antwoorden op scans")
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "respondent"], name="networks_scanresponse_once_per_person"
            ),
        ]

    def __str__(self):
        return str(_("antwoord op %(scan)s") % {"scan": self.scan})


class Cohesion(models.TextChoices):
    LOW = "laag", _("laag")
    HIGH = "hoog", _("hoog")


class Orientation(models.TextChoices):
    INTERACTION = "interactie", _("rijke interactie en kennisdeling")
    GOALS = "doelen", _("concrete doelen en resultaten")


class Assessment(models.Model):
    """The facilitator's answers to the advice questions about one network (seed 004).

    Network-type questions, the two 4C judgements, and which of the nine factors have
    been talked through. Blank means "not answered yet".
    """

    network = models.OneToOneField(
        Network, on_delete=models.CASCADE, related_name="assessment", verbose_name=_("netwerk")
    )
    purpose = models.CharField(_("doel"), max_length=20, choices=NetworkType, blank=True)
    dependence = models.CharField(
        _("afhankelijkheid"), max_length=20, choices=NetworkType, blank=True
    )
    impact = models.CharField(_("impact"), max_length=20, choices=NetworkType, blank=True)
    cohesion = models.CharField(_("sociale cohesie"), max_length=10, choices=Cohesion, blank=True)
    orientation = models.CharField(
        _("waar het netwerk voor is"), max_length=10, choices=Orientation, blank=True
    )
    factors_discussed = models.JSONField(_("besproken factoren"), default=list, blank=True)
    updated_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("advies-antwoorden")
        verbose_name_plural = _("advies-antwoorden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(cohesion__in=["", *Cohesion.values])
                & models.Q(orientation__in=["", *Orientation.values]),
                name="networks_assessment_valid_judgements",
            ),
        ]

    def __str__(self):
        return str(self.network)

    @classmethod
    def for_network(cls, network):
        """Return the network's answers, or a blank (unsaved) set when none were given."""
        return cls.objects.filter(network=network).first() or cls(network=network)

    @property
    def type_answers(self):
        return {"purpose": self.purpose, "dependence": self.dependence, "impact": self.impact}


class SignalDismissal(models.Model):
    """A facilitator put a pitfall signal aside for the situation it described.

    The fingerprint summarises that situation; when the situation changes the signal's
    fingerprint changes and it shows again.
    """

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="signal_dismissals",
        verbose_name=_("netwerk"),
    )
    code = models.SlugField(_("signaal"), max_length=40)
    fingerprint = models.CharField(_("situatie"), max_length=64)
    dismissed_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weggezet door"),
    )
    created_at = models.DateTimeField(_("weggezet op"), auto_now=True)

    class Meta:
        verbose_name = _("weggezet signaal")
        verbose_name_plural = _("weggezette signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "code"], name="networks_signaldismissal_once_per_signal"
            ),
        ]

    def __str__(self):
        return f"{self.network}: {self.code}"
