"""Which mail someone wants, and unsubscribing from it with one click."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from coalitions.digests.forms import MailPreferenceForm
from coalitions.digests.models import MailKind, MailPreference


@require_http_methods(["GET", "POST"])
def mail_settings(request):
    """Choose the digest's frequency, reminders and the mail's language."""
    user = request.user
    if user.is_guest:
        if request.method == "POST":
            raise PermissionDenied(_("Een gast heeft geen e-mailadres en krijgt geen e-mail."))
        return render(request, "digests/settings.html", {"form": None})
    preference = MailPreference.peek(user)
    form = MailPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Je e-mailvoorkeuren zijn opgeslagen."))
            return redirect("digests:settings")
        return render(request, "digests/settings.html", {"form": form}, status=422)
    return render(request, "digests/settings.html", {"form": form})


# Mail programs POST "List-Unsubscribe=One-Click" to the link itself (RFC 8058), with no
# session and no CSRF token: the signed token in the URL is what authorises it. A GET (a
# person, or a link scanner) only asks to confirm.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, signed):
    try:
        preference, kind = MailPreference.from_token(signed)
    except signing.BadSignature:
        return render(request, "digests/unsubscribe.html", {"invalid": True}, status=400)
    context = {"kind": MailKind(kind), "preference": preference}
    if request.method == "POST":
        preference.stop(kind)
        return render(request, "digests/unsubscribe.html", {**context, "done": True})
    return render(request, "digests/unsubscribe.html", context)
