"""Mail that keeps people involved: who wants which mail, in which language, and what a
digest says.

A digest lists what changed in a person's coalitions (those they lead, take part in or
are kept informed of) since their last one, read from the activity log in their
language. Reminders tell an item's owner that it is due soon (see reminders.py).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from coalitions.models import CoalitionMember
from networks.activity import Area
from networks.models import Activity

UNSUBSCRIBE_SALT = "netwerkcanvas.unsubscribe"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("dagelijks")
    WEEKLY = "weekly", _("wekelijks")
    NEVER = "never", _("nooit")


# A digest is due a little before its full period has passed, so a cron job that runs at
# 07:00 every day is never an hour short of "a day" and skips one.
PERIODS = {
    DigestFrequency.DAILY: timedelta(days=1),
    DigestFrequency.WEEKLY: timedelta(days=7),
}
SLACK = timedelta(hours=2)


class MailKind(models.TextChoices):
    """What an unsubscribe link stops: each mail's link stops that kind of mail."""

    DIGEST = "digest", _("het overzicht van je coalities")
    REMINDER = "reminder", _("herinneringen aan wat je moet doen")


class MailPreference(models.Model):
    """Which mail one person wants, and in which language.

    Someone without a row gets the defaults: a weekly digest and reminders, in the
    language they last used.
    """

    Frequency = DigestFrequency

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mail_preference",
        verbose_name=_("persoon"),
    )
    digest = models.CharField(
        _("overzicht van je coalities"),
        max_length=10,
        choices=Frequency,
        default=Frequency.WEEKLY,
    )
    reminders = models.BooleanField(_("herinneringen"), default=True)
    # "" follows `last_language`: the language of their last sign-in.
    language = models.CharField(
        _("taal van de e-mail"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    last_language = models.CharField(_("laatst gebruikte taal"), max_length=10, blank=True)
    # The digest covered the log up to here; the next one starts from it.
    digest_until = models.DateTimeField(_("overzicht tot"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mailvoorkeur")
        verbose_name_plural = _("e-mailvoorkeuren")
        constraints = [
            models.CheckConstraint(
                condition=Q(digest__in=DigestFrequency.values),
                name="digests_preference_valid_digest",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_digest_display()}"

    @classmethod
    def of(cls, user):
        """Return the preference of `user`, created with the defaults when new."""
        preference, _created = cls.objects.get_or_create(user=user)
        return preference

    @classmethod
    def peek(cls, user):
        """Return the preference of `user`, unsaved with the defaults when new (a GET
        changes nothing)."""
        return cls.objects.filter(user=user).first() or cls(user=user)

    @classmethod
    def remember_language(cls, sender, request, user, **kwargs):
        """On sign-in: remember the language in use (the language switch's, as
        canvas.middleware.LanguageMiddleware chose it), for mail in that language."""
        language = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
        cls.objects.update_or_create(user=user, defaults={"last_language": language})

    @property
    def mail_language(self):
        """Return the language to write to this person in."""
        known = dict(settings.LANGUAGES)
        for language in (self.language, self.last_language):
            if language in known:
                return language
        return settings.LANGUAGE_CODE

    def digest_is_due(self, now):
        period = PERIODS.get(self.digest)
        if period is None:
            return False
        return self.digest_until is None or now - self.digest_until >= period - SLACK

    def digest_since(self, now):
        """Return where the next digest starts: the last one's end, or one period ago."""
        return self.digest_until or now - PERIODS.get(self.digest, PERIODS["weekly"])

    def unsubscribe_token(self, kind):
        return signing.dumps({"u": self.user_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)

    def unsubscribe_url(self, kind):
        path = reverse("digests:unsubscribe", args=[self.unsubscribe_token(kind)])
        return settings.SITE_URL.rstrip("/") + path

    def stop(self, kind):
        """Stop one kind of mail (what its unsubscribe link does)."""
        if kind == MailKind.DIGEST:
            self.digest = DigestFrequency.NEVER
        else:
            self.reminders = False
        if self.pk is None:
            self.save()
        else:
            self.save(update_fields=["digest", "reminders"])

    @classmethod
    def from_token(cls, token):
        """Return (preference, kind) of an unsubscribe token; raise BadSignature when it
        was tampered with, or names no person or mail that exists."""
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        if not isinstance(data, dict) or data.get("k") not in MailKind.values:
            raise signing.BadSignature("unknown kind")
        user_id = data.get("u")
        if not isinstance(user_id, int):
            raise signing.BadSignature("no person")
        user_model = cls._meta.get_field("user").related_model
        user = user_model.objects.filter(pk=user_id).first()
        if user is None:
            raise signing.BadSignature("no such person")
        return cls.peek(user), data["k"]


def may_receive_mail(user):
    """Guests without an address, and accounts switched off, get no mail."""
    return bool(user.email) and user.is_active and not user.is_guest


class ReminderSent(models.Model):
    """A reminder that went out, so none goes twice (see reminders.key_of)."""

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("persoon"),
    )
    sent_at = models.DateTimeField(_("verstuurd"), auto_now_add=True)

    class Meta:
        verbose_name = _("verstuurde herinnering")
        verbose_name_plural = _("verstuurde herinneringen")

    def __str__(self):
        return self.key


@dataclass
class NetworkDigest:
    """What changed in one network's coalitions that this person is in."""

    network: object
    coalitions: list  # (name, role label)
    entries: list  # Activity.Entry, newest first
    url: str


def digest_for(user, since, until):
    """Return a NetworkDigest per network with news in the coalitions `user` is in.

    An entry belongs to a coalition by its name (the log keeps names, not ids), the name
    before and after a rename included. What the person did themselves is left out: they
    know it. Read in the active language.
    """
    memberships = (
        CoalitionMember.objects.filter(user=user, coalition__deleted_at__isnull=True)
        .select_related("coalition__network")
        .order_by("coalition__network__name", "coalition__position", "coalition__id")
    )
    by_network = {}
    for member in memberships:
        by_network.setdefault(member.coalition.network, []).append(member)
    digests = []
    for network, members in by_network.items():
        names = [member.coalition.name for member in members]
        about = Q(params__subject__in=names) | Q(before__name__in=names) | Q(after__name__in=names)
        entries = (
            Activity.objects.filter(
                about,
                network=network,
                area=Area.COALITIONS,
                hidden=False,
                created_at__gt=since,
                created_at__lte=until,
            )
            .exclude(user=user)
            .order_by("-created_at", "-id")[:50]
        )
        if entries:
            digests.append(
                NetworkDigest(
                    network=network,
                    coalitions=[(m.coalition.name, m.get_role_display()) for m in members],
                    entries=[entry.read_by(user) for entry in entries],
                    url=settings.SITE_URL.rstrip("/") + network.get_absolute_url() + "#band",
                )
            )
    return digests


def due_digests(now=None):
    """Return the preferences whose digest is due: people in a coalition who may get mail.

    People in no coalition get no row and no digest.
    """
    now = now or timezone.now()
    people = (
        CoalitionMember.objects.filter(coalition__deleted_at__isnull=True)
        .values_list("user", flat=True)
        .distinct()
    )
    user_model = CoalitionMember._meta.get_field("user").related_model
    due = []
    for user in user_model.objects.filter(pk__in=people).order_by("pk"):
        if not may_receive_mail(user):
            continue
        preference = MailPreference.of(user)
        if preference.digest_is_due(now):
            due.append(preference)
    return due
