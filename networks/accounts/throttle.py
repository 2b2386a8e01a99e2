"""Count failed attempts in the database, and refuse once there were too many.

Used against guessing: passwords at sign-in, join codes on the home page, addresses on
the join page's register form; and against flooding an inbox with mail. The counts are
rows of ThrottleCount, so every process (and every server) behind one database counts
the same attempts.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from networks.models import ThrottleCount, User


def client_ip(request):
    """Return the visitor's address; behind a proxy, the one the proxy saw.

    Only trust X-Forwarded-For when told a proxy sets it (USE_X_FORWARDED_FOR): the
    last address is the one our proxy appended, the others the client could forge.
    """
    forwarded = request.headers.get("X-Forwarded-For", "")
    if settings.USE_X_FORWARDED_FOR and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def account_key(email):
    """Return what a sign-in with `email` is counted under: its account, if there is one.

    The sign-in form strips the address and the account is found ignoring case, so
    " m3@example.org" and "M3@example.org " reach the same account: they must share its
    count. An address without an account is counted as typed, stripped and lowercased.
    """
    email = str(email).strip()
    if "\x00" in email or len(email) > 254:  # no account's address; PostgreSQL refuses NUL
        return f"email:{email.lower()}"
    pk = User.objects.filter(email__iexact=email).values_list("pk", flat=True).first()
    return f"account:{pk}" if pk is not None else f"email:{email.lower()}"


class Throttle:
    """At most `limit` failures per key within `window` (counted from the first)."""

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def _key(self, value):
        digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
        return f"{self.scope}:{digest}"

    def is_blocked(self, value):
        return ThrottleCount.objects.filter(
            key=self._key(value), count__gte=self.limit, expires_at__gt=timezone.now()
        ).exists()

    def fail(self, value):
        key, now = self._key(value), timezone.now()
        with transaction.atomic():
            # Expired counts go, this key's too: a new window starts at its first failure.
            ThrottleCount.objects.filter(expires_at__lte=now).delete()
            ThrottleCount.objects.get_or_create(key=key, defaults={"expires_at": now + self.window})
            # An UPDATE adds one in the database: two processes failing at once count two.
            ThrottleCount.objects.filter(key=key).update(count=F("count") + 1)

    def reset(self, value):
        ThrottleCount.objects.filter(key=self._key(value)).delete()

    @property
    def retry_after(self):
        return int(self.window.total_seconds())


WINDOW = timedelta(minutes=15)
# Five wrong passwords for one account; more per address, because a whole classroom
# signs in from one school address.
SIGN_IN_PER_EMAIL = Throttle("sign-in-email", 5, WINDOW)
SIGN_IN_PER_IP = Throttle("sign-in-ip", 20, WINDOW)
CODE_PER_IP = Throttle("join-code-ip", 30, WINDOW)
# Password-reset mails sent (not failures): enough for a typo, too few to flood an inbox.
RESET_PER_EMAIL = Throttle("reset-email", 3, WINDOW)
RESET_PER_IP = Throttle("reset-ip", 10, WINDOW)
# The join page's register form: tries that made no account (a known address, a faulty
# form) per visitor address, and on a guest's thank-you page; and mails to a known
# address's owner about such a try (or about a sign-up with it).
REGISTER_PER_IP = Throttle("register-ip", 20, WINDOW)
REGISTER_MAIL_PER_EMAIL = Throttle("register-mail", 3, WINDOW)
# Signing up, per visitor address: every try, as a new account mails its address too.
SIGN_UP_PER_IP = Throttle("sign-up-ip", 20, WINDOW)
