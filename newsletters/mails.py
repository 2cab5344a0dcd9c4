"""The newsletter's own mails: the confirmation of a sign-up and of a new address.

They greet without the name a stranger may have typed (a sign-up form is open to
anyone, and a name in a mail to someone else's address is a way to smuggle text into
it), speak the subscriber's language with "Sie", come from the newsletter's sender,
and have an HTML and a plain-text part. Both are made by the worker after the
request's transaction commits (`mail.later`), and only if still wanted.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from newsletter.models import Newsletter, Subscription

from mail.compose import Kind, message_build, sender, site_root_url
from mail.later import composer

from . import tokens
from .models import Subscriber


def newsletter_sender(newsletter: Newsletter | None = None) -> str:
    """The newsletter's own name and address where it has them, else the
    publisher's newsletter sender (mails about several newsletters)."""
    if newsletter is not None and newsletter.email:
        return sender(Kind.NEWSLETTER, name=newsletter.sender, address=newsletter.email)
    return sender(Kind.NEWSLETTER)


def _message(*, template: str, to: str, context: dict, language: str, newsletter=None):
    return message_build(
        template=f"newsletters/mail/{template}",
        to=to,
        kind=Kind.NEWSLETTER,
        language=language,
        from_email=newsletter_sender(newsletter),
        context={
            "newsletter": newsletter,
            # The newsletter's own sender heads its mails, else the publisher.
            **({"publisher_name": newsletter.sender} if newsletter else {}),
            **context,
        },
    )


@composer
def confirmation_mail(
    *, subscriber_id: int, subscriptions: list[int]
) -> EmailMultiAlternatives | None:
    """The confirmation of the subscriptions still pending among those asked for
    (none left: the reader confirmed or withdrew meanwhile, no mail)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, deactivated_at=None
    ).first()
    if subscriber is None:
        return None
    pending = list(
        Subscription.objects.filter(
            pk__in=subscriptions,
            email_field=subscriber.email,
            subscribed=False,
            unsubscribed=False,
        ).values_list("pk", flat=True)
    )
    return confirmation_message(subscriber, pending) if pending else None


def confirmation_message(subscriber: Subscriber, subscriptions: list[int]):
    newsletters = [
        row.newsletter
        for row in Subscription.objects.filter(pk__in=subscriptions).select_related(
            "newsletter"
        )
    ]
    token = tokens.confirm_token(subscriber, subscriptions)
    return _message(
        template="confirm",
        to=subscriber.email,
        language=subscriber.language,
        newsletter=newsletters[0] if newsletters else None,
        context={
            "newsletters": newsletters,
            "link": site_root_url() + reverse("newsletters:confirm", args=[token]),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
        },
    )


@composer
def address_change_mail(
    *, subscriber_id: int, new_email: str
) -> EmailMultiAlternatives | None:
    """The link that confirms a new address, sent to that address."""
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    if subscriber is None:
        return None
    token = tokens.change_token(subscriber, new_email)
    return _message(
        template="change",
        to=new_email,
        language=subscriber.language,
        context={
            "old_email": subscriber.email,
            "link": site_root_url() + reverse("newsletters:change", args=[token]),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
        },
    )
