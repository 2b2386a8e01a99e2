"""The address the app is reached at, for what people in a room open or scan."""

from django.conf import settings
from django.urls import reverse


def site_url(request):
    """Return the app's address without a trailing slash: `SITE_URL` when it is set, else
    the address `request` came in at (its host was checked against `ALLOWED_HOSTS`).

    The default `SITE_URL` names port 8000; a demo on another port would put an address
    on the wall that no phone reaches.
    """
    if settings.SITE_URL and settings.SITE_URL != settings.DEFAULT_SITE_URL:
        return settings.SITE_URL.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def join_address(request):
    """Return where people type a join code, as the wall shows it: without its scheme."""
    return site_url(request).split("://", 1)[-1] + reverse("networks:enter_code")
