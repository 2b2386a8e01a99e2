"""Looking at a network: self-scans, advice answers and dismissed signals (analysis.md)."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from networks.insights.scans import SCANS
from networks.insights.scans import results as scan_results
from networks.models import Activity, Network, NetworkType, User


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
        db_table = "networks_scan"  # the table kept its name (moved from networks)
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

        return SCANS[self.kind]

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opens <= now < self.closes

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.closes

    @classmethod
    @transaction.atomic
    def open_in(cls, network, kind, by, *, opens, closes):
        """Open a scan of `kind` for the network's members, from `opens` until `closes`."""
        scan = cls.objects.create(
            network=network, kind=kind, opened_by=by, opens=opens, closes=closes
        )
        Activity.record(network, by, "scan.opened", **scan.log_params())
        return scan

    @transaction.atomic
    def close(self, now=None, *, by=None):
        """Close the scan now (its results become visible)."""
        self.closes = max(now or timezone.now(), self.opens)
        self.save(update_fields=["closes"])
        Activity.record(self.network, by, "scan.closed", **self.log_params())

    def log_params(self):
        """Return what the log says of this scan: its kind and the day it opened."""
        return {"scan": self.kind, "date": timezone.localdate(self.opens).isoformat()}

    def previous(self):
        """Return the run of the same scan before this one in this network, if any."""
        return (
            Scan.objects.filter(network=self.network_id, kind=self.kind, opens__lt=self.opens)
            .order_by("-opens", "-id")
            .first()
        )

    def answer_sets(self):
        """Return the answers, and per answer set whether its respondent has an account.

        Guests (and respondents whose account is gone) do not count towards the minimum of
        respondents: one person can make guests at will.
        """
        rows = list(self.responses.values_list("answers", "respondent__is_guest"))
        return [answers for answers, _guest in rows], [guest is False for _a, guest in rows]

    def counted_respondents(self):
        """Return the ids of the respondents with an account."""
        return set(
            self.responses.filter(respondent__is_guest=False).values_list("respondent", flat=True)
        )

    def results(self):
        answers, counted = self.answer_sets()
        return scan_results(self.definition, answers, counted)


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
        db_table = "networks_scanresponse"  # the table kept its name (moved from networks)
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
        db_table = "networks_assessment"  # the table kept its name (moved from networks)
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
        db_table = "networks_signaldismissal"  # the table kept its name (moved from networks)
        verbose_name = _("weggezet signaal")
        verbose_name_plural = _("weggezette signalen")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "code"], name="networks_signaldismissal_once_per_signal"
            ),
        ]

    def __str__(self):
        return f"{self.network}: {self.code}"
