"""Accounts: sign up (confirmed by mail), sign in (throttled), reset a forgotten
password, change one's name and password; a guest adds an email address and password to
stay."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from networks.accounts import mail, throttle
from networks.accounts.forms import (
    BecomeMemberForm,
    NameForm,
    PasswordResetForm,
    SignInForm,
    SignUpForm,
)
from networks.models import User
from networks.params import local_path


def _safe_next(request, default="networks:list"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    return local_path(request, target) or reverse(default)


@login_not_required
@sensitive_post_parameters("password")
@never_cache
def sign_in(request):
    """Sign in with email and password; many failures in a row are refused for a while."""
    next_url = _safe_next(request)
    if request.user.is_authenticated and request.method != "POST":
        return redirect(next_url)
    form = SignInForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        email, ip = request.POST.get("username", ""), throttle.client_ip(request)
        account = throttle.account_key(email)
        if throttle.SIGN_IN_PER_EMAIL.is_blocked(account) or throttle.SIGN_IN_PER_IP.is_blocked(ip):
            form = SignInForm(request, initial={"username": email})
            form.throttled = True
            response = render(
                request, "accounts/login.html", {"form": form, "next": next_url}, status=429
            )
            response["Retry-After"] = str(throttle.WINDOW.seconds)
            return response
        if form.is_valid():
            throttle.SIGN_IN_PER_EMAIL.reset(account)
            login(request, form.get_user())
            return redirect(next_url)
        if form.unconfirmed:
            # The right password, an address not confirmed yet: the link again, no failure.
            if not throttle.REGISTER_MAIL_PER_EMAIL.is_blocked(form.user_cache.email):
                throttle.REGISTER_MAIL_PER_EMAIL.fail(form.user_cache.email)
                mail.send_confirmation(form.user_cache)
        else:
            throttle.SIGN_IN_PER_EMAIL.fail(account)
            throttle.SIGN_IN_PER_IP.fail(ip)
        status = 422
    return render(request, "accounts/login.html", {"form": form, "next": next_url}, status=status)


@login_not_required
@sensitive_post_parameters("password")
@never_cache
def sign_up(request):
    """Make an account; its address is confirmed by a mailed link before it can sign in.

    An address that has an account gets the same answer, and its owner a mail instead:
    the form tells no one which addresses have an account.
    """
    if request.user.is_authenticated:
        # A guest makes theirs an account on the profile page, keeping what they wrote.
        return redirect("networks:profile" if request.user.is_guest else "networks:list")
    form = SignUpForm(request.POST or None)
    if request.method != "POST":
        return render(request, "accounts/sign_up.html", {"form": form})
    ip = throttle.client_ip(request)
    if throttle.SIGN_UP_PER_IP.is_blocked(ip):
        form = SignUpForm(initial={"name": request.POST.get("name")})
        form.throttled = True
        response = render(request, "accounts/sign_up.html", {"form": form}, status=429)
        response["Retry-After"] = str(throttle.SIGN_UP_PER_IP.retry_after)
        return response
    throttle.SIGN_UP_PER_IP.fail(ip)  # every try counts: a new account sends mail too
    if not form.is_valid():
        return render(request, "accounts/sign_up.html", {"form": form}, status=422)
    user = None
    if not form.email_taken:
        try:
            with transaction.atomic():
                user = form.save(confirmed=False)
        except IntegrityError:  # the address was taken a moment ago
            pass
    if user is not None:
        mail.send_confirmation(user)
    else:
        make_password(form.cleaned_data["password"])  # as long as making an account takes
        mail.tell_owner(
            form.cleaned_data["email"],
            "accounts/email/sign_up_exists.txt",
            name=form.cleaned_data["name"],
        )
    return redirect("networks:sign_up_sent")


@login_not_required
@require_safe
def sign_up_sent(request):
    return render(request, "accounts/sign_up_sent.html")


@login_not_required
@never_cache
@require_safe
def confirm_email(request, token):
    """Confirm a new account's address by the mailed link; then the account may sign in."""
    user = User.confirm_email(token)
    if user is None:
        return render(request, "accounts/confirm_email.html", {"confirmed": False}, status=400)
    return render(request, "accounts/confirm_email.html", {"confirmed": True, "account": user})


class _InvalidIs422:
    """Answer an invalid form with 422, as every form of the app does."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PasswordResetView(_InvalidIs422, auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("networks:password_reset_done")

    def form_valid(self, form):
        """Send at most a few mails per address and per visitor: no mail-bombing."""
        email, ip = form.cleaned_data["email"], throttle.client_ip(self.request)
        if throttle.RESET_PER_EMAIL.is_blocked(email) or throttle.RESET_PER_IP.is_blocked(ip):
            return redirect(self.success_url)  # the same answer: nothing to learn from it
        throttle.RESET_PER_EMAIL.fail(email)
        throttle.RESET_PER_IP.fail(ip)
        return super().form_valid(form)

    @property
    def extra_email_context(self):
        # Links in mail use the configured address, never the request's Host header.
        return {"site_url": settings.SITE_URL.rstrip("/")}


class PasswordResetConfirmView(_InvalidIs422, auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("networks:password_reset_complete")

    def form_valid(self, form):
        # The link came to the address: it is confirmed now.
        form.user.email_confirmed = True
        form.user.save(update_fields=["email_confirmed"])
        return super().form_valid(form)


@sensitive_post_parameters("password-old_password", "password-new_password1", "become-password")
def profile(request):
    """Change your name and password; a guest adds email and password to stay."""
    user = request.user
    name_form = NameForm(instance=user, prefix="name")
    password_form = PasswordChangeForm(user, prefix="password")
    become_form = BecomeMemberForm(user, prefix="become")
    status = 200
    if request.method == "POST":
        if "save_name" in request.POST:
            name_form = NameForm(request.POST, instance=user, prefix="name")
            if name_form.is_valid():
                name_form.save()
                messages.success(request, _("Je naam is opgeslagen."))
                return redirect("networks:profile")
        elif "change_password" in request.POST and not user.is_guest:
            password_form = PasswordChangeForm(user, request.POST, prefix="password")
            if password_form.is_valid():
                password_form.save()
                update_session_auth_hash(request, user)
                messages.success(request, _("Je wachtwoord is gewijzigd."))
                return redirect("networks:profile")
        elif "become_member" in request.POST and user.is_guest:
            # Its error names a taken address: limited like the join page's account form.
            ip = throttle.client_ip(request)
            if throttle.REGISTER_PER_IP.is_blocked(ip):
                become_form.throttled = True
                response = render(
                    request,
                    "accounts/profile.html",
                    {
                        "name_form": name_form,
                        "password_form": password_form,
                        "become_form": become_form,
                    },
                    status=429,
                )
                response["Retry-After"] = str(throttle.REGISTER_PER_IP.retry_after)
                return response
            become_form = BecomeMemberForm(user, request.POST, prefix="become")
            if not become_form.is_valid():
                throttle.REGISTER_PER_IP.fail(ip)
            else:
                become_form.save()
                update_session_auth_hash(request, user)
                messages.success(
                    request, _("Je hebt nu een account. Alles wat je schreef, blijft van jou.")
                )
                return redirect("networks:profile")
        user.refresh_from_db()  # a failed form must not leave half a change on the header
        status = 422
    return render(
        request,
        "accounts/profile.html",
        {"name_form": name_form, "password_form": password_form, "become_form": become_form},
        status=status,
    )
