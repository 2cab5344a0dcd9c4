"""The newsletter's own mails: the confirmation of a sign-up and of a new address.

They greet without the name a stranger may have typed (a sign-up form is open to
anyone, and a name in a mail to someone else's address is a way to smuggle text into
it), speak the subscriber's language with "Sie", come from the publisher, and have
an HTML and a plain-text part.
"""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from newsletter.models import Subscription

from pagecache.routing import default_site

from . import tokens
from .models import Subscriber


def site_url() -> str:
    site = default_site()
    return site.root_url if site else ""


def sender(newsletter=None) -> str:
    """The publisher as sender: the newsletter's own name and address, or the
    site's newsletter sender for mails about several newsletters."""
    if newsletter is not None and newsletter.email:
        return formataddr((newsletter.sender, newsletter.email))
    return formataddr((settings.NEWSLETTER_SENDER_NAME, settings.NEWSLETTER_FROM_EMAIL))


def _message(*, template: str, to: str, context: dict, language: str, newsletter=None):
    with translation.override(language):
        context = {
            "site_url": site_url(),
            "newsletter": newsletter,
            "publisher_name": newsletter.sender
            if newsletter is not None
            else settings.NEWSLETTER_SENDER_NAME,
            **context,
        }
        subject = " ".join(
            render_to_string(
                f"newsletters/mail/{template}_subject.txt", context
            ).split()
        )
        text = render_to_string(f"newsletters/mail/{template}.txt", context)
        html = render_to_string(f"newsletters/mail/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, sender(newsletter), [to])
    message.attach_alternative(html, "text/html")
    return message


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
            "link": site_url() + reverse("newsletters:confirm", args=[token]),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
        },
    )


def address_change_message(subscriber: Subscriber, new_email: str):
    token = tokens.change_token(subscriber, new_email)
    return _message(
        template="change",
        to=new_email,
        language=subscriber.language,
        context={
            "old_email": subscriber.email,
            "link": site_url() + reverse("newsletters:change", args=[token]),
            "days": settings.NEWSLETTER_CONFIRM_DAYS,
        },
    )
