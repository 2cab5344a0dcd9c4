"""The newsletters' part in GDPR requests (found by `privacy.registry`): the
subscriber, django-newsletter's subscription rows, the issues sent to the address
and its bounces. The consent ledger answers for itself (`consent/privacy.py`)."""

from django.db.models import Q
from newsletter.models import Subscription

from .models import Bounce, Recipient, Subscriber


def _rows(email: str):
    # Rows of django-newsletter's own making may name an account instead.
    return Subscription.objects.filter(
        Q(email_field__iexact=email) | Q(user__email__iexact=email)
    )


def export_personal_data(email: str) -> list[dict]:
    email = email.strip().lower()
    subscriber = Subscriber.objects.filter(email=email).first()
    data = []
    if subscriber is not None:
        data.append(
            {
                "subscriber": subscriber.email,
                "name": subscriber.name,
                "language": subscriber.language,
                "created_at": subscriber.created_at,
                "confirmed_at": subscriber.confirmed_at,
                "deactivated_at": subscriber.deactivated_at,
                "deactivation_reason": subscriber.deactivation_reason,
                "issues_received": [
                    {"subject": subject, "sent_at": sent_at, "state": state}
                    for subject, sent_at, state in Recipient.objects.filter(
                        subscriber=subscriber
                    ).values_list("sending__subject", "sent_at", "state")
                ],
            }
        )
    for row in _rows(email).select_related("newsletter"):
        data.append(
            {
                "newsletter": row.newsletter.title,
                "name": row.name_field or "",
                "ip": row.ip,
                "subscribed": row.subscribed,
                "subscribed_at": row.subscribe_date,
                "unsubscribed": row.unsubscribed,
                "unsubscribed_at": row.unsubscribe_date,
                "requested_at": row.create_date,
            }
        )
    for bounce in Bounce.objects.filter(email=email):
        data.append(
            {"bounce": bounce.get_kind_display(), "received_at": bounce.received_at}
        )
    return data


def erase_personal_data(email: str) -> dict:
    email = email.strip().lower()
    rows, _ = _rows(email).delete()
    bounces, _ = Bounce.objects.filter(email=email).delete()
    subscribers, _ = Subscriber.objects.filter(email=email).delete()
    erased = []
    if rows:
        erased.append(f"{rows} newsletter subscriptions")
    if subscribers:
        erased.append("newsletter subscriber with the issues sent to it")
    if bounces:
        erased.append(f"{bounces} bounce reports")
    return {"erased": erased, "kept": []}
