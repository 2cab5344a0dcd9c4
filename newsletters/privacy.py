"""The newsletters' part in GDPR requests (found by `privacy.registry`):
django-newsletter's subscriptions of an address, with the IP they were made from."""

from django.db.models import Q
from newsletter.models import Subscription


def _subscriptions(email: str):
    return Subscription.objects.filter(
        Q(email_field__iexact=email) | Q(user__email__iexact=email)
    ).select_related("newsletter")


def export_personal_data(email: str) -> list[dict]:
    return [
        {
            "newsletter": subscription.newsletter.title,
            "name": subscription.name,
            "email": subscription.email,
            "subscribed": subscription.subscribed,
            "subscribed_at": subscription.subscribe_date,
            "unsubscribed": subscription.unsubscribed,
            "unsubscribed_at": subscription.unsubscribe_date,
            "created_at": subscription.create_date,
            "ip": subscription.ip,
        }
        for subscription in _subscriptions(email)
    ]


def erase_personal_data(email: str) -> dict:
    subscriptions = list(_subscriptions(email).values_list("pk", flat=True))
    Subscription.objects.filter(pk__in=subscriptions).delete()
    erased = [f"{len(subscriptions)} newsletter subscriptions"] if subscriptions else []
    return {"erased": erased, "kept": []}
