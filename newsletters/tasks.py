"""Background work of the newsletter: thin, each hands to a module that does it."""

from django_tasks import task
from newsletter.models import Subscription

from . import mails, sending
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
