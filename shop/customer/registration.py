"""Registration that answers the same whether or not an address has an account,
and activation links that work once.

Oscar said "A user with that email address already exists" and logged new accounts
straight in: anyone could test which addresses are customers here. Now every valid
registration ends on the same page with the same message, after the same work:
a new address gets an inactive account and a link to activate it; a taken address
gets a mail telling its owner that someone tried to register with it (and how to
reset the password), and the password is hashed anyway so both take as long. An
account that was never activated gets a fresh activation link instead: its owner
may simply have lost the first one.

The activation link is built like Django's password-reset links: its hash covers the
account's state (active or not, last login, password), so it works once, dies with
a password change, and cannot reactivate an account that staff deactivated after
it was used.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from oscar.apps.customer.forms import PasswordResetForm as OscarPasswordResetForm

from mail.compose import Kind, message_build, site_root_url


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "imprint.account-activation"

    def _make_hash_value(self, user, timestamp: int) -> str:
        login = (
            ""
            if user.last_login is None
            else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        return f"{user.pk}{user.password}{login}{user.is_active}{timestamp}"


activation_tokens = ActivationTokenGenerator()


def activation_token(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uid}-{activation_tokens.make_token(user)}"


def activation_user(token: str):
    """The account a link names, and whether the link is still valid for it."""
    uid, _, rest = token.partition("-")
    try:
        pk = int(urlsafe_base64_decode(uid).decode())
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None, False
    user = get_user_model().objects.filter(pk=pk).first()
    if user is None:
        return None, False
    return user, activation_tokens.check_token(user, rest)


def never_activated(user) -> bool:
    return not user.is_active and user.last_login is None


def account_activate(*, user) -> None:
    user.is_active = True
    user.save(update_fields=["is_active"])


def register(request, form):
    """Create an inactive account, or tell the owner of a taken address."""
    User = get_user_model()
    email = form.cleaned_data["email"]
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(form.cleaned_data["password1"])  # the same work as a new one
        if never_activated(existing):
            activation_mail_send(user=existing)
        else:
            _mail(
                email,
                "shop/mail/account_exists",
                {"reset_url": site_root_url() + reverse("password-reset")},
            )
        return None
    user = form.save(commit=False)
    user.is_active = False
    user.save()
    activation_mail_send(user=user)
    return user


def activation_mail_send(*, user) -> None:
    _mail(
        user.email,
        "shop/mail/account_activate",
        {
            "activate_url": site_root_url()
            + reverse("shop:account-activate", args=[activation_token(user)])
        },
    )


def password_reset_send(*, email: str, language: str) -> str:
    """The mail a password-reset request asks for, worked out in the background so
    the request does the same work for every address: a reset link for an active
    account, a fresh activation link for one never activated, nothing otherwise.
    Returns which it was."""
    User = get_user_model()
    with translation.override(language):
        users = list(User.objects.filter(email__iexact=email))
        for user in users:
            if user.is_active and user.has_usable_password():
                OscarPasswordResetForm().send_password_reset_email(
                    Site.objects.get_current(), user
                )
                return "reset"
            if never_activated(user):
                activation_mail_send(user=user)
                return "activation"
    return "none"


def _mail(to: str, template: str, context: dict) -> None:
    message_build(
        template=template,
        to=to,
        kind=Kind.ACCOUNT,
        language=translation.get_language() or "",
        context=context,
    ).send()
