"""Accounts: signing in, resetting a password, one's name, and the fields every form
that makes or changes an account shares."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from networks.models import User

NAME_MAX_LENGTH = User._meta.get_field("name").max_length


def email_field(**kwargs):
    return forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        **kwargs,
    )


def name_field(label=None, **kwargs):
    kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "name"}))
    return forms.CharField(label=label or _("Naam"), max_length=NAME_MAX_LENGTH, **kwargs)


def new_password_field():
    return forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minstens 8 tekens, niet alleen cijfers en geen veelgebruikt wachtwoord."),
    )


def check_email_is_free(email, user=None):
    taken = User.objects.filter(email__iexact=email)
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise forms.ValidationError(
            _("Er is al een account met dit e-mailadres. Log in met dat account."),
            code="email_taken",
        )
    return email.lower()


class SignInForm(auth_forms.AuthenticationForm):
    """Sign in with email and password."""

    username = email_field()
    error_messages = {
        "invalid_login": _(
            "Dit e-mailadres en wachtwoord horen niet bij elkaar. Let op: het wachtwoord "
            "is hoofdlettergevoelig."
        ),
        "inactive": _("Dit account is uitgeschakeld."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autofocus"] = True

    def confirm_login_allowed(self, user):
        # Said only after the right password: it tells nothing to whoever guesses.
        super().confirm_login_allowed(user)
        if not user.email_confirmed:
            raise forms.ValidationError(
                _(
                    "Bevestig eerst je e-mailadres met de link in de mail die we je stuurden. "
                    "We hebben die link nu opnieuw gestuurd."
                ),
                code="unconfirmed",
            )

    @property
    def unconfirmed(self):
        return self.has_error(forms.forms.NON_FIELD_ERRORS, "unconfirmed")


class SignUpForm(forms.Form):
    """A new account: name, email address and password.

    It never says that an address already has an account (anyone could look addresses
    up): `email_taken` tells the view, which answers as for a new account.
    """

    name = name_field(widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}))
    email = email_field()
    password = new_password_field()
    email_taken = False

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.email_taken = User.objects.filter(email__iexact=email).exists()
        return email.lower()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            candidate = User(name=cleaned.get("name", ""), email=cleaned.get("email", ""))
            try:
                password_validation.validate_password(cleaned["password"], candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self, *, confirmed=True):
        """Make the account; one `confirmed=False` cannot sign in until its address is."""
        data = self.cleaned_data
        return User.objects.create_user(
            data["email"], data["password"], name=data["name"], email_confirmed=confirmed
        )


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = email_field()

    def get_users(self, email):
        """Also people invited by email, who have not chosen a password yet."""
        return User.objects.filter(email__iexact=email, is_active=True, is_guest=False)


class NameForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name"]
        widgets = {"name": forms.TextInput(attrs={"autocomplete": "name"})}


class KeepAccessForm(forms.Form):
    """A guest leaves an email address to keep taking part; a link to choose a password
    comes by mail. Like SignUpForm it never says that an address already has an account:
    `email_taken` tells the view."""

    email = email_field(help_text=_("We sturen je een link om een wachtwoord te kiezen."))
    email_taken = False

    def clean_email(self):
        email = self.cleaned_data["email"]
        self.email_taken = User.objects.filter(email__iexact=email).exists()
        return email.lower()


class BecomeMemberForm(forms.Form):
    """A guest adds an email address and password, and keeps everything they wrote."""

    email = email_field()
    password = new_password_field()

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return check_email_is_free(self.cleaned_data["email"], self.user)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password"):
            self.user.email = cleaned.get("email") or ""
            try:
                password_validation.validate_password(cleaned["password"], self.user)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self):
        self.user.become_member(self.cleaned_data["email"], self.cleaned_data["password"])
        return self.user
