import secrets
from dataclasses import dataclass
from functools import lru_cache

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from networks import activity
from networks.activity import KINDS, Area
from networks.revisions import StaleRevision


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

    def create_guest(self, name):
        """Create a guest: only a display name, no email, no password to sign in with."""
        user = self.model(name=name, is_guest=True)
        user.set_unusable_password()
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
    # False from signing up until the address is confirmed by the link mailed to it (or a
    # password is set through a link mailed to it): only then may it sign in. Accounts
    # made any other way have it True.
    email_confirmed = models.BooleanField(_("e-mailadres bevestigd"), default=True)
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

    def become_member(self, email, password):
        """Turn this guest into a full account; notes and memberships stay theirs."""
        self.email = User.objects.normalize_email(email).lower()
        self.set_password(password)
        self.is_guest = False
        self.save(update_fields=["email", "password", "is_guest"])

    def keep_access(self, email):
        """Turn this guest into a member by an email address alone; they choose a password
        through the link mailed to it, which also confirms the address."""
        self.email = User.objects.normalize_email(email).lower()
        self.set_unusable_password()
        self.is_guest = False
        self.email_confirmed = False
        self.save(update_fields=["email", "password", "is_guest", "email_confirmed"])

    # The link that confirms a new account's address: signed, valid for 3 days, and only
    # for the address it was sent to.
    CONFIRM_SALT = "networks.user.confirm-email"
    CONFIRM_MAX_AGE = 3 * 24 * 3600

    def confirmation_token(self):
        return signing.dumps({"user": self.pk, "email": self.email}, salt=self.CONFIRM_SALT)

    @classmethod
    def confirm_email(cls, token):
        """Confirm the address the token was made for; return its user, or None when the
        token is forged, expired or its address changed since."""
        try:
            data = signing.loads(token, salt=cls.CONFIRM_SALT, max_age=cls.CONFIRM_MAX_AGE)
        except signing.BadSignature:  # SignatureExpired is one too
            return None
        if not isinstance(data, dict):
            return None
        user = cls.objects.filter(
            pk=data.get("user"), email=data.get("email"), is_guest=False
        ).first()
        if user is not None and not user.email_confirmed:
            user.email_confirmed = True
            user.save(update_fields=["email_confirmed"])
        return user

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
    # Counts the saves of the settings (name, description, type), so a save from a form
    # opened before someone else's save is caught instead of overwriting it.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
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
    @transaction.atomic
    def start(cls, facilitator, **fields):
        """Create a network with `facilitator` as its first facilitator."""
        network = cls.objects.create(slug=cls.unique_slug(fields["name"]), **fields)
        Membership.objects.create(
            network=network, user=facilitator, role=MembershipRole.FACILITATOR
        )
        Activity.record(network, facilitator, "network.created", subject=network.name)
        return network

    EDITABLE = ("name", "description", "network_type")

    @transaction.atomic
    def change(self, by, revision, **fields):
        """Give the network a new name, description and/or type, from a form opened at
        `revision`; logs what changed. Raise StaleRevision, changing nothing, when someone
        saved the settings since."""
        before = Network.objects.filter(pk=self.pk).values(*self.EDITABLE).get()
        saved = Network.objects.filter(pk=self.pk, revision=revision).update(
            **fields, revision=F("revision") + 1, updated_at=timezone.now()
        )
        if not saved:
            raise StaleRevision
        for field, value in fields.items():
            setattr(self, field, value)
        self.revision = revision + 1
        after = {field: getattr(self, field) for field in self.EDITABLE}
        if before != after:
            Activity.record(
                self, by, "network.edited", subject=self.name, before=before, after=after
            )

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
    # The link a person joined (or last re-joined) through: a guest takes part only
    # while it is valid.
    join_link = models.ForeignKey(
        "JoinLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("deelnamelink"),
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

    @property
    def guest_may_take_part(self):
        """Return whether this membership still admits its person, if they are a guest.

        A guest has no password to come back with: they take part while the link they
        joined through is valid, and lose access when it expires or is revoked (their
        notes stay). Opening a newer link of the network renews it.
        """
        return not self.user.is_guest or (self.join_link is not None and self.join_link.is_valid)

    def _is_last_facilitator(self):
        # Lock the network's facilitators, so two facilitators demoting each other at the
        # same moment cannot leave the network with none.
        facilitators = Membership.objects.select_for_update().filter(
            network_id=self.network_id, role=self.Role.FACILITATOR
        )
        return self.role == self.Role.FACILITATOR and list(
            facilitators.values_list("pk", flat=True)
        ) == [self.pk]

    @transaction.atomic
    def change(self, by, *, role, actor):
        """Give this person another role and/or organisation; logs what changed.

        Refuses to demote the network's last facilitator, and to give a guest more than
        the member role (a guest who loses their session cannot come back).
        """
        if role != self.role and self._is_last_facilitator():
            raise ValidationError(
                _(
                    "Dit is de laatste facilitator van het netwerk: maak eerst iemand anders "
                    "facilitator."
                )
            )
        if role != self.Role.MEMBER and self.user.is_guest:
            raise ValidationError(
                _(
                    "Een gast kan alleen deelnemer zijn. Wie een e-mailadres en wachtwoord "
                    "toevoegt, kan een andere rol krijgen."
                )
            )
        before = {"role": self.role, "actor": str(self.actor.actor) if self.actor else ""}
        self.role, self.actor = role, actor
        after = {"role": self.role, "actor": str(self.actor.actor) if self.actor else ""}
        if before == after:
            return  # nothing to save, nothing to log
        self.save(update_fields=["role", "actor"])
        Activity.record(
            self.network, by, "person.changed", person=str(self.user), before=before, after=after
        )

    @classmethod
    @transaction.atomic
    def invite(cls, network, by, *, email, name, role):
        """Add the person with `email` to `network`, creating their account if need be.

        Return the membership and whether the account is new (it has no password yet:
        the invitation lets them choose one).
        """
        user = User.objects.filter(email__iexact=email).first()
        is_new = user is None
        if is_new:
            user = User.objects.create_user(email, None, name=name)
        membership = cls.objects.create(network=network, user=user, role=role)
        Activity.record(network, by, "person.invited", person=str(user), role=role)
        return membership, is_new

    @transaction.atomic
    def remove(self, by):
        """Take this person out of the network; their notes stay, attributed to them."""
        if self._is_last_facilitator():
            raise ValidationError(
                _("Dit is de laatste facilitator van het netwerk: die kan niet weg.")
            )
        # They leave the network's coalitions too: a coalition card shows who takes part.
        self.user.coalition_memberships.filter(coalition__network_id=self.network_id).delete()
        self.delete()
        Activity.record(self.network, by, "person.removed", person=str(self.user), role=self.role)


# Codes are read from a projector and typed on phones: no 0/O/Q/D, 1/I/L, 2/Z, 5/S, 8/B,
# 6/G or U/V pairs to mix up.
CODE_ALPHABET = "ACEFHJKMNPRTWXY34679"
CODE_LENGTH = 6


@lru_cache(maxsize=64)
def _qr_svg(url, label):
    """Return `url` as a QR code in inline SVG, black on white with a quiet zone of 4 modules.

    segno writes colours as attributes, never `style`, so the strict CSP allows it; the
    size comes from the viewBox and a CSS class. Cached: the live workshop bar redraws often.
    """
    qr = segno.make(url, error="m", micro=False)
    svg = qr.svg_inline(
        border=4, dark="#000", light="#fff", omitsize=True, svgclass="qr-code", title=label
    )
    label = escape(label)
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


class JoinLinkQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class JoinLink(models.Model):
    """A link and a short code with which people join a network's workshop.

    The facilitator shows the code on the projector; whoever opens the link or types the
    code joins the network as a member (signing in, creating an account, or as a guest).
    """

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="join_links", verbose_name=_("netwerk")
    )
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=CODE_LENGTH, unique=True, editable=False)
    expires_at = models.DateTimeField(_("geldig tot"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = JoinLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("deelnamelink")
        verbose_name_plural = _("deelnamelinks")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.display_code} — {self.network}"

    def get_absolute_url(self):
        return reverse("networks:join", args=[self.token])

    def absolute_url(self, site=None):
        """Return the link with the site's address (`site`, else `SITE_URL`): what a phone
        opens after scanning."""
        return (site or settings.SITE_URL).rstrip("/") + self.get_absolute_url()

    def qr_svg(self, site=None):
        """Return the link as a QR code (inline SVG) for the projector."""
        label = _("QR-code om mee te doen met code %(code)s") % {"code": self.display_code}
        return _qr_svg(self.absolute_url(site), str(label))

    @property
    def display_code(self):
        """Return the code as shown and read aloud: `K7P-4QX`."""
        half = CODE_LENGTH // 2
        return f"{self.code[:half]}-{self.code[half:]}"

    @property
    def is_valid(self):
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @staticmethod
    def normalise_code(text):
        """Return a typed code as stored: capitals, no dashes or spaces."""
        return "".join(ch for ch in str(text).upper() if ch.isalnum())

    @classmethod
    def create_for(cls, network, by, valid_for):
        """Make a new link for `network`, valid for the timedelta `valid_for`."""
        while True:
            code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
            if not cls.objects.filter(code=code).exists():
                break
        link = cls.objects.create(
            network=network,
            token=secrets.token_urlsafe(24),
            code=code,
            expires_at=timezone.now() + valid_for,
            created_by=by,
        )
        return link

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    @transaction.atomic
    def admit(self, user, actor=None):
        """Make `user` a member of the network through this link; return the membership.

        `actor` is the organisation (a NetworkActor of this network) they say they
        represent: it is kept on the membership, unless one was set before. Someone who is
        already in the network keeps their role; a guest's access is renewed to this
        link's expiry.
        """
        membership, created = Membership.objects.get_or_create(
            network=self.network, user=user, defaults={"join_link": self, "actor": actor}
        )
        if created:
            Activity.record(self.network, user, "person.joined", role=membership.role)
            return membership
        fields = []
        if user.is_guest:
            membership.join_link = self
            fields.append("join_link")
        if actor is not None and membership.actor_id is None:
            membership.actor = actor
            fields.append("actor")
        if fields:
            membership.save(update_fields=fields)
        return membership


class ThrottleCount(models.Model):
    """Failed attempts (or mails sent) for one throttle key within one window.

    In the database, so every process of the app counts the same attempts (a count in
    each process's memory would let N processes allow N times as many).
    """

    key = models.CharField(_("sleutel"), max_length=100, unique=True)
    count = models.PositiveIntegerField(_("aantal"), default=0)
    expires_at = models.DateTimeField(_("verloopt"), db_index=True)

    class Meta:
        verbose_name = _("teller tegen raden")
        verbose_name_plural = _("tellers tegen raden")

    def __str__(self):
        return f"{self.key}: {self.count}"


class ActivityQuerySet(models.QuerySet):
    def by_person(self, person, reader):
        """Return the entries of `person`, as `reader` may know them.

        An entry about a hidden note names its author to that author alone: filtering by
        someone else leaves it out, or the filter would name its author.
        """
        entries = self.filter(user=person)
        if reader is None or person != reader.pk:
            entries = entries.exclude(hidden=True)
        return entries

    def people(self, reader):
        """Return who appears in these entries by name, as `reader` may know them."""
        named = models.Q(activities__hidden=False)
        if reader is not None and reader.is_authenticated:
            named |= models.Q(pk=reader.pk)
        return User.objects.filter(named, activities__in=self.filter(user__isnull=False)).distinct()


@dataclass(frozen=True)
class Entry:
    """One entry of the log as one reader reads it: a sentence in their language."""

    created_at: object
    area: str
    sentence: str
    quote: str
    changes: list


class Activity(models.Model):
    """One change to a network: who did what, when, stored as its kind and parameters.

    The entry becomes a sentence when read, in the reader's language (networks/activity.py
    holds every kind and its sentence). Edits keep what changed, before → after, so the
    log can be read without the objects (which may be gone by then).

    An entry about a note written during silent writing is `hidden`: it names the note's
    author to that author alone, and carries none of its text. Revealing the notes makes
    the entries plain, or, revealed without names, takes the name out for good.
    """

    Area = Area

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
    kind = models.CharField(_("soort"), max_length=40)
    params = models.JSONField(_("gegevens"), default=dict, blank=True)
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    hidden = models.BooleanField(_("over een verborgen notitie"), default=False)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["network", "-created_at", "-id"], name="networks_activity_log"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.kind}"

    @classmethod
    def record(cls, network, by, kind, *, area="", before=None, after=None, hidden=False, **params):
        """Log that `by` did `kind` (a key of activity.KINDS) with these parameters.

        `network` is a network or its id; `before`/`after` are dicts of the fields an edit
        changed; `area` is needed only for notes (their block).
        """
        if before is not None and after is not None:
            # In the caller's order, so the log lists the fields as the form does.
            changed = [key for key in after if before.get(key) != after.get(key)]
            before = {key: before.get(key) for key in changed}
            after = {key: after[key] for key in changed}
        known = by is not None and by.is_authenticated
        return cls.objects.create(
            network_id=getattr(network, "pk", network),
            user=by if known else None,
            user_name=str(by) if known else "",
            area=area or KINDS[kind].area,
            kind=kind,
            params=params,
            before=before,
            after=after,
            hidden=hidden,
        )

    @classmethod
    def notes_revealed(cls, network, note_ids, *, names):
        """Make the entries about these hidden notes plain; without `names`, nameless for good."""
        entries = cls.objects.filter(network=network, hidden=True, params__note__in=note_ids)
        if names:
            entries.update(hidden=False)
        else:
            entries.update(hidden=False, user=None, user_name="")

    def names_for(self, reader):
        """Return whether `reader` may see who did this."""
        return not self.hidden or (reader is not None and self.user_id == reader.pk)

    def sentence(self, reader=None):
        """Return this change as a sentence in the active language: “Bob heeft … bij …”."""
        who = self.user_name if self.names_for(reader) else ""
        return activity.sentence(self.kind, self.params, self.area, who or _("Iemand"))

    @property
    def quote(self):
        """Return the text shown under the sentence (a note's or a rule's), or ""."""
        definition = activity.KINDS.get(self.kind)
        return self.params.get("subject", "") if definition and definition.quotes else ""

    @property
    def changes(self):
        """Return what an edit changed, readable: [(field, before, after), ...]."""
        if not (self.before and self.after):
            return []
        return [
            (
                activity.FIELD_LABELS.get(key, key),
                activity.label(self.before.get(key)),
                activity.label(self.after.get(key)),
            )
            for key in self.after
        ]

    def read_by(self, reader):
        """Return this entry as `reader` reads it."""
        return Entry(self.created_at, self.area, self.sentence(reader), self.quote, self.changes)
