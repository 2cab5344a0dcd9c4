"""Background work of the newsletter: thin, each hands to a module that does it."""

from django.contrib.auth import get_user_model
from django.utils import translation
from django_tasks import task
from newsletter.models import Newsletter, Subscription

from . import mails, sending, services
from .models import Subscriber


@task()
def confirmation_mail(subscriber_id: int, subscriptions: list[int]) -> bool:
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, deactivated_at=None
    ).first()
    if subscriber is None:
        return False
    pending = list(
        Subscription.objects.filter(
            pk__in=subscriptions,
            email_field=subscriber.email,
            subscribed=False,
            unsubscribed=False,
        ).values_list("pk", flat=True)
    )
    if not pending:  # confirmed or withdrawn meanwhile
        return False
    mails.confirmation_message(subscriber, pending).send()
    return True


@task()
def signup_request(
    *,
    email: str,
    name: str,
    newsletter_ids: list[int],
    text: str,
    source: str,
    ip_address: str | None,
    user_agent: str,
    user_id: int | None,
    language: str,
) -> bool:
    """A sign-up from the public forms, worked out here so that the request does
    the same work for every address (newsletters/views.py)."""
    newsletters = list(Newsletter.objects.filter(pk__in=newsletter_ids))
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    with translation.override(language):
        services.signup(
            email=email,
            name=name,
            newsletters=newsletters,
            text=text,
            source=source,
            ip_address=ip_address,
            user_agent=user_agent,
            user=user,
        )
    return True


@task()
def address_change_mail(subscriber_id: int, new_email: str) -> bool:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return False
    mails.address_change_message(subscriber, new_email).send()
    return True


@task()
def sending_run(sending_id: int) -> dict:
    return sending.sending_run(sending_id)


@task()
def sendings_due() -> list[int]:
    """Start scheduled sendings whose time has come, and resume those whose
    worker died (no sign of life for `sending.STALE`)."""
    return sending.sendings_due()
