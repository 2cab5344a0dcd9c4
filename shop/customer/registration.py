"""Registration that answers the same whether or not an address has an account.

Oscar said "A user with that email address already exists" and logged new accounts
straight in: anyone could test which addresses are customers here. Now every valid
registration ends on the same page with the same message, after the same work:
a new address gets an inactive account and a link to activate it; a taken address
gets a mail telling its owner that someone tried to register with it (and how to
reset the password), and the password is hashed anyway so both take as long.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

SALT = "imprint.account-activation"
MAX_AGE = 3 * 24 * 3600


def activation_token(user) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(user.pk))


def user_from_token(token: str):
    try:
        pk = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=pk).first()


def register(request, form):
    """Create an inactive account, or tell the owner of a taken address."""
    User = get_user_model()
    email = form.cleaned_data["email"]
    existing = User.objects.filter(email__iexact=email).first()
    site = request.build_absolute_uri("/").rstrip("/")
    if existing is not None:
        make_password(form.cleaned_data["password1"])  # the same work as a new one
        _mail(
            email,
            "shop/mail/account_exists",
            {"reset_url": site + reverse("password-reset")},
        )
        return None
    user = form.save(commit=False)
    user.is_active = False
    user.save()
    _mail(
        email,
        "shop/mail/account_activate",
        {
            "activate_url": site
            + reverse("shop:account-activate", args=[activation_token(user)])
        },
    )
    return user


def _mail(to: str, template: str, context: dict) -> None:
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
