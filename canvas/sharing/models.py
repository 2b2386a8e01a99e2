"""Read-only links for the achterban: the canvas, or one coalition, for anyone with the link.

Like a join link (networks.JoinLink) a share link is a secret token that expires and can
be revoked; unlike one, it lets nobody in: it shows what everyone may read, without
controls, without hidden notes, and without people's names unless its maker chose them.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition
from networks.models import Network


class ShareLinkQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


VALID_FOR = {
    "7d": (timedelta(days=7), _("een week")),
    "30d": (timedelta(days=30), _("30 dagen")),
    "90d": (timedelta(days=90), _("drie maanden")),
}


class ShareLink(models.Model):
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="share_links", verbose_name=_("netwerk")
    )
    # One coalition only; empty: the whole canvas.
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="share_links",
        verbose_name=_("coalitie"),
    )
    label = models.CharField(_("voor wie"), max_length=200, blank=True)
    show_names = models.BooleanField(_("met namen"), default=False)
    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("geldig tot"))
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("leeslink")
        verbose_name_plural = _("leeslinks")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.label or self.token[:6]} — {self.network}"

    def get_absolute_url(self):
        return reverse("sharing:shared", args=[self.token])

    def absolute_url(self):
        return settings.SITE_URL.rstrip("/") + self.get_absolute_url()

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()

    @property
    def is_valid(self):
        return not self.is_revoked and not self.is_expired

    @classmethod
    def create_for(cls, network, by, valid_for, *, coalition=None, show_names=False, label=""):
        return cls.objects.create(
            network=network,
            coalition=coalition,
            label=label,
            show_names=show_names,
            token=secrets.token_urlsafe(32),
            expires_at=timezone.now() + valid_for,
            created_by=by,
        )

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])
