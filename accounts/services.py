"""What happens around logins beyond the check itself."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.text import subject_render


def login_failure_note(*, username: str) -> bool:
    """Tell an account's owner that its password is being guessed at.

    Logins are locked per account *and* address together (and per address), so a
    stranger can no longer lock an owner out by failing from many addresses; the
    owner hears of it instead, once per cool-off window, when the failures for the
    account from all addresses reach the limit. Returns whether a mail went out."""
    if not username or "@" not in username:
        return False
    user = (
        get_user_model()
        .objects.filter(email__iexact=username.strip(), is_active=True)
        .first()
    )
    if user is None:
        return False
    window = timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = (
        AccessAttempt.objects.filter(
            username__iexact=username.strip(),
            attempt_time__gte=timezone.now() - window,
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    # This failure may not be counted yet (django-axes records it beside us).
    if failures + 1 < settings.AXES_FAILURE_LIMIT:
        return False
    if not cache.add(f"login-guessed:{user.pk}", True, int(window.total_seconds())):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        context = {"minutes": int(window.total_seconds() // 60)}
        subject = subject_render("accounts/mail/login_guessed_subject.txt", context)
        body = render_to_string("accounts/mail/login_guessed.txt", context)
    # From DEFAULT_FROM_EMAIL; the outbox names the publisher as its sender
    # (`mail.backends`): this app sits below the mail platform.
    send_mail(subject, body, None, [user.email])
    return True
