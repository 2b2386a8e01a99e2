"""The mails about an account: confirm a new address, choose a password, and the notice
to an address's owner that someone tried to use it (instead of telling that someone)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from networks.accounts import throttle
from networks.tasks import send_email


def site_url(path):
    # Links in mail use the configured address, never the request's Host header.
    return settings.SITE_URL.rstrip("/") + path


def password_link(user):
    """Return the link with which `user` chooses a password (valid 3 days), as in
    Django's password reset; setting it confirms the address too."""
    return site_url(
        reverse(
            "networks:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
    )


def send_confirmation(user):
    context = {
        "user": user,
        "link": site_url(reverse("networks:confirm_email", args=[user.confirmation_token()])),
    }
    body = render_to_string("accounts/email/confirm_email.txt", context)
    send_email.enqueue(_("Bevestig je e-mailadres voor Netwerkcanvas"), body, user.email)


def send_keep_access(user, network):
    context = {"user": user, "network": network, "link": password_link(user)}
    body = render_to_string("accounts/email/keep_access.txt", context)
    subject = _("Blijf meedoen in %(network)s") % {"network": network}
    send_email.enqueue(subject, body, user.email)


def tell_owner(email, template, **context):
    """Mail the owner of `email` that someone tried to use it (at most 3 in 15 minutes);
    `template` says what was tried."""
    if throttle.REGISTER_MAIL_PER_EMAIL.is_blocked(email):
        return
    throttle.REGISTER_MAIL_PER_EMAIL.fail(email)
    context |= {
        "sign_in": site_url(reverse("networks:login")),
        "reset": site_url(reverse("networks:password_reset")),
    }
    body = render_to_string(template, context)
    send_email.enqueue(_("Iemand gebruikte je e-mailadres bij Netwerkcanvas"), body, email)
