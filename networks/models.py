import secrets
from functools import lru_cache

import segno
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from canvas.prompts import BLOCKS, PROMPT_CHOICES, PROMPTS


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
    # Bumped on every save of the settings (name, description, type), so a save from a
    # form opened before someone else's save is caught instead of overwriting it.
    version = models.PositiveIntegerField(_("versie"), default=1)
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
            self.network,
            by,
            Activity.Area.PEOPLE,
            Activity.Action.EDITED,
            self.user,
            before=before,
            after=after,
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
        Activity.record(
            network, by, Activity.Area.PEOPLE, Activity.Action.INVITED, user, after={"role": role}
        )
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
        Activity.record(
            self.network,
            by,
            Activity.Area.PEOPLE,
            Activity.Action.DELETED,
            self.user,
            before={"role": self.role},
        )


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

    def absolute_url(self):
        """Return the link with the site's address: what a phone opens after scanning."""
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    def qr_svg(self):
        """Return the link as a QR code (inline SVG) for the projector."""
        label = _("QR-code om mee te doen met code %(code)s") % {"code": self.display_code}
        return _qr_svg(self.absolute_url(), str(label))

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
    def admit(self, user):
        """Make `user` a member of the network through this link; return the membership.

        Someone who is already in the network keeps their role; a guest's access is
        renewed to this link's expiry.
        """
        membership, created = Membership.objects.get_or_create(
            network=self.network, user=user, defaults={"join_link": self}
        )
        if created:
            Activity.record(
                self.network,
                user,
                Activity.Area.PEOPLE,
                Activity.Action.JOINED,
                user,
                after={"role": membership.role},
            )
        elif user.is_guest:
            membership.join_link = self
            membership.save(update_fields=["join_link"])
        return membership


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
        INVITED = "invited", _("uitgenodigd")

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
    # For notes and rules: the prompt they answer, so the log can say where.
    prompt = models.CharField(
        _("vraag"), max_length=30, choices=PROMPT_CHOICES, blank=True, default=""
    )
    before = models.JSONField(_("voor"), null=True, blank=True)
    after = models.JSONField(_("na"), null=True, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["network", "-created_at", "-id"], name="networks_activity_log"),
        ]

    def __str__(self):
        return f"{self.user_name} {self.get_action_display()} {self.subject}"

    @classmethod
    def record(cls, network, user, area, action, subject, *, before=None, after=None, prompt=""):
        """Log one change; `before`/`after` are dicts of the fields an edit changed."""
        if before is not None and after is not None:
            # In the caller's order, so the log lists the fields as the form does.
            changed = [key for key in after if before.get(key) != after.get(key)]
            before = {key: before.get(key) for key in changed}
            after = {key: after[key] for key in changed}
        return cls.objects.create(
            network=network,
            user=user if user is not None and user.is_authenticated else None,
            user_name=str(user) if user is not None and user.is_authenticated else "",
            area=area,
            action=action,
            subject=str(subject)[:200],
            prompt=prompt,
            before=before,
            after=after,
        )

    @property
    def sentence(self):
        """Return this change as a Dutch sentence: “Bob heeft een notitie toegevoegd bij …”."""
        action = self.action
        if action == self.Action.JOINED and (self.after or {}).get("role") == "informed":
            action = "informed"  # asked to be kept informed: not taking part
        template = _SENTENCES.get((_AREA_KIND.get(self.area, self.area), action))
        values = {"who": self.user_name or _("Iemand"), "subject": self.subject}
        if template is None:
            return f"{values['who']}: {self.subject} ({self.get_action_display()})"
        block = BLOCKS.get(self.area)
        prompt = PROMPTS.get(self.prompt)
        values["where"] = " › ".join(str(part.title) for part in (block, prompt) if part)
        return template % values

    @property
    def quotes_subject(self):
        """Notes and rules show their text under the sentence."""
        return _AREA_KIND.get(self.area) in ("note", "rule") and self.action != self.Action.EDITED

    @property
    def changes(self):
        """Return what an edit changed, readable: [(field, before, after), ...]."""
        if not (self.before and self.after):
            return []
        return [
            (
                _FIELD_LABELS.get(key, key),
                _display_value(self.before.get(key)),
                _display_value(self.after.get(key)),
            )
            for key in self.after
        ]


_AREA_KIND = {
    "identity": "note",
    "organisation": "note",
    "leadership": "note",
    "rules": "rule",
}

# One whole sentence per kind of change, so translators see the sentence, not pieces.
_SENTENCES = {
    ("note", "created"): _("%(who)s heeft een notitie toegevoegd bij %(where)s"),
    ("note", "edited"): _("%(who)s heeft een notitie gewijzigd bij %(where)s"),
    ("note", "deleted"): _("%(who)s heeft een notitie verwijderd bij %(where)s"),
    ("note", "restored"): _("%(who)s heeft een notitie teruggezet bij %(where)s"),
    ("note", "moved"): _("%(who)s heeft een notitie verplaatst bij %(where)s"),
    ("rule", "created"): _("%(who)s heeft een spelregel toegevoegd bij %(where)s"),
    ("rule", "edited"): _("%(who)s heeft een spelregel gewijzigd bij %(where)s"),
    ("rule", "deleted"): _("%(who)s heeft een spelregel verwijderd bij %(where)s"),
    ("rule", "restored"): _("%(who)s heeft een spelregel teruggezet bij %(where)s"),
    ("rule", "moved"): _("%(who)s heeft een spelregel verplaatst bij %(where)s"),
    ("ambitions", "created"): _("%(who)s heeft de ambitie “%(subject)s” toegevoegd"),
    ("ambitions", "edited"): _("%(who)s heeft de ambitie “%(subject)s” gewijzigd"),
    ("ambitions", "deleted"): _("%(who)s heeft de ambitie “%(subject)s” verwijderd"),
    ("ambitions", "restored"): _("%(who)s heeft de ambitie “%(subject)s” teruggezet"),
    ("ambitions", "moved"): _("%(who)s heeft de ambitie “%(subject)s” verplaatst"),
    ("coalitions", "created"): _("%(who)s heeft de coalitie “%(subject)s” toegevoegd"),
    ("coalitions", "edited"): _("%(who)s heeft de coalitie “%(subject)s” gewijzigd"),
    ("coalitions", "deleted"): _("%(who)s heeft de coalitie “%(subject)s” verwijderd"),
    ("coalitions", "restored"): _("%(who)s heeft de coalitie “%(subject)s” teruggezet"),
    ("coalitions", "moved"): _("%(who)s heeft de coalitie “%(subject)s” verplaatst"),
    ("coalitions", "joined"): _("%(who)s doet mee in de coalitie “%(subject)s”"),
    ("coalitions", "left"): _("%(who)s doet niet meer mee in de coalitie “%(subject)s”"),
    ("coalitions", "informed"): _(
        "%(who)s wordt op de hoogte gehouden van de coalitie “%(subject)s”"
    ),
    ("actors", "created"): _("%(who)s heeft de actor “%(subject)s” toegevoegd"),
    ("actors", "edited"): _("%(who)s heeft de actor “%(subject)s” gewijzigd"),
    ("actors", "deleted"): _("%(who)s heeft de actor “%(subject)s” verwijderd"),
    ("network", "created"): _("%(who)s heeft het netwerk “%(subject)s” aangemaakt"),
    ("network", "edited"): _("%(who)s heeft de gegevens van het netwerk gewijzigd"),
    ("versions", "created"): _("%(who)s heeft de versie “%(subject)s” bewaard"),
    ("versions", "restored"): _("%(who)s heeft de versie “%(subject)s” teruggezet"),
    ("people", "joined"): _("%(who)s doet mee in het netwerk"),
    ("people", "left"): _("%(who)s doet niet meer mee in het netwerk"),
    ("people", "invited"): _("%(who)s heeft %(subject)s uitgenodigd"),
    ("people", "created"): _("%(who)s heeft %(subject)s toegevoegd"),
    ("people", "edited"): _("%(who)s heeft de rol of organisatie van %(subject)s gewijzigd"),
    ("people", "deleted"): _("%(who)s heeft %(subject)s uit het netwerk gehaald"),
}

_FIELD_LABELS = {
    "text": _("tekst"),
    "status": _("status"),
    "role": _("rol"),
    "actor": _("organisatie"),
    "name": _("naam"),
    "title": _("titel"),
    "description": _("beschrijving"),
    "network_type": _("netwerktype"),
    "work_form": _("werkvorm"),
    "ambition": _("gedeelde ambitie"),
    "core_partners": _("kernpartners"),
    "target_group": _("doelgroep"),
    "next_step": _("volgende stap"),
    "kind": _("soort"),
    "prompt": _("vraag"),
    "direction": _("richting"),
    "leads": _("trekkers"),
}


def _display_value(value):
    """Show a stored value as people know it: labels for choices, lists joined, — for none."""
    from canvas.models import NoteStatus
    from coalitions.models import CoalitionRole, CoalitionStatus, WorkForm

    if value in (None, "", []):
        return "—"
    if isinstance(value, list):
        return ", ".join(str(_display_value(item)) for item in value)
    if isinstance(value, str):
        for choices in (
            MembershipRole,
            ActorRole,
            NoteStatus,
            CoalitionStatus,
            WorkForm,
            CoalitionRole,
        ):
            if value in choices.values:
                return choices(value).label
        if value in PROMPTS:
            return PROMPTS[value].title
    return value


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
