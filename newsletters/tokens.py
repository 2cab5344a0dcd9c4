"""The signed links in newsletter mails. Each names its purpose (a salt of its own),
the subscriber and the address it was sent to, so a link stops working when the
address changes; confirmation links also name the subscriber's generation and
expire after `NEWSLETTER_CONFIRM_DAYS`, so after an unsubscription an old
confirmation link subscribes nobody."""

import hashlib

from django.conf import settings
from django.core import signing

from .models import Subscriber

CONFIRM = "newsletters.confirm"
CHANGE = "newsletters.change"
PREFERENCES = "newsletters.preferences"
UNSUBSCRIBE = "newsletters.unsubscribe"


class Invalid(Exception):
    """A link that is forged, expired or no longer valid."""


def confirm_token(subscriber: Subscriber, subscriptions: list[int]) -> str:
    """Names the subscriber by id and a fingerprint of the address, never the
    address itself: a signed value is only base64, readable in every log."""
    return signing.dumps(
        [
            subscriber.pk,
            subscriber.generation,
            fingerprint(subscriber.email),
            subscriptions,
        ],
        salt=CONFIRM,
        compress=True,
    )


def confirm_read(token: str) -> tuple[Subscriber, list[int]]:
    pk, generation, named, subscriptions = _load(token, CONFIRM)
    if "@" in str(named):  # a link mailed before addresses were left out of links
        subscriber = _subscriber(pk, named)
    else:
        subscriber = _by_fingerprint(pk, str(named))
    if subscriber.generation != generation:
        raise Invalid("superseded")
    return subscriber, subscriptions


def change_token(subscriber: Subscriber, new_email: str) -> str:
    return signing.dumps(
        [subscriber.pk, subscriber.generation, subscriber.email, new_email],
        salt=CHANGE,
        compress=True,
    )


def change_read(token: str) -> tuple[Subscriber, str]:
    pk, generation, email, new_email = _load(token, CHANGE)
    subscriber = _subscriber(pk, email)
    if subscriber.generation != generation:
        raise Invalid("superseded")
    return subscriber, new_email


def fingerprint(email: str) -> str:
    """Names the address in a link without showing it (links end up in logs)."""
    return hashlib.sha256(email.encode()).hexdigest()[:12]


def preferences_token(subscriber_id: int, email: str) -> str:
    return signing.Signer(salt=PREFERENCES).sign(
        f"{subscriber_id}.{fingerprint(email)}"
    )


def preferences_read(token: str) -> Subscriber:
    pk, print_ = _unsign(token, PREFERENCES)
    return _by_fingerprint(pk, print_)


def unsubscribe_token(subscriber_id: int, email: str, newsletter_id: int) -> str:
    return signing.Signer(salt=UNSUBSCRIBE).sign(
        f"{subscriber_id}.{newsletter_id}.{fingerprint(email)}"
    )


def unsubscribe_read(token: str) -> tuple[Subscriber, int]:
    try:
        value = signing.Signer(salt=UNSUBSCRIBE).unsign(token)
        pk, newsletter_id, print_ = value.split(".", 2)
        return _by_fingerprint(int(pk), print_), int(newsletter_id)
    except (signing.BadSignature, ValueError) as error:
        raise Invalid("bad signature") from error


def _load(token: str, salt: str):
    max_age = settings.NEWSLETTER_CONFIRM_DAYS * 86400
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise Invalid("expired") from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Invalid("bad signature") from error


def _unsign(token: str, salt: str) -> tuple[int, str]:
    try:
        value = signing.Signer(salt=salt).unsign(token)
        pk, email = value.split(".", 1)
        return int(pk), email
    except (signing.BadSignature, ValueError) as error:
        raise Invalid("bad signature") from error


def _by_fingerprint(pk: int, print_: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or fingerprint(subscriber.email) != print_:
        raise Invalid("unknown or changed address")
    return subscriber


def _subscriber(pk: int, email: str) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=pk, email=email).first()
    if subscriber is None:
        raise Invalid("unknown or changed address")
    return subscriber
