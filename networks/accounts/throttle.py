"""Count failed attempts in the cache, and refuse once there were too many.

Used against guessing: passwords at sign-in, join codes on the home page. The count
lives in Django's cache (LocMemCache by default: per process, so each process counts
on its own; a shared cache such as Redis makes the limit exact across processes).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """Return the visitor's address; behind a proxy, the one the proxy saw.

    Only trust X-Forwarded-For when told a proxy sets it (USE_X_FORWARDED_FOR): the
    last address is the one our proxy appended, the others the client could forge.
    """
    forwarded = request.headers.get("X-Forwarded-For", "")
    if settings.USE_X_FORWARDED_FOR and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


class Throttle:
    """At most `limit` failures per key within `window` (counted from the first)."""

    def __init__(self, scope, limit, window):
        self.scope, self.limit, self.window = scope, limit, window

    def _key(self, value):
        digest = hashlib.sha256(str(value).lower().encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}"

    def is_blocked(self, value):
        return (cache.get(self._key(value)) or 0) >= self.limit

    def fail(self, value):
        key = self._key(value)
        # add + incr: atomic in LocMemCache and Redis, and incr keeps the window.
        cache.add(key, 0, timeout=int(self.window.total_seconds()))
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=int(self.window.total_seconds()))

    def reset(self, value):
        cache.delete(self._key(value))

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
