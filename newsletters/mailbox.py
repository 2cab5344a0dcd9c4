"""Reading the mail that comes back: delivery status notifications (RFC 3464),
complaint reports (ARF, RFC 5965) and unsubscribe requests sent to the `mailto:`
of `List-Unsubscribe`. Used by `manage.py newsletter_mailbox`."""

import email
import email.policy
import re
from email.message import Message
from email.utils import parseaddr

from django.utils.translation import gettext_noop
from newsletter.models import Subscription

from consent.services import source_text

from . import services
from .models import Bounce, Recipient, Subscriber

_UNSUBSCRIBE = re.compile(r"unsubscribe\s+(\d+)", re.IGNORECASE)


def parse(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.compat32)


def handle(message: Message) -> list[str]:
    """Act on one message; returns what was done, for the command's report."""
    content_type = message.get_content_type()
    report_type = (message.get_param("report-type") or "").lower()
    if content_type == "multipart/report" and report_type == "delivery-status":
        return _delivery_status(message)
    if content_type == "multipart/report" and report_type == "feedback-report":
        return _complaint(message)
    match = _UNSUBSCRIBE.search(message.get("Subject", ""))
    if match:
        return _unsubscribe(message, int(match.group(1)))
    return []


def _fields(part: Message) -> list[dict[str, str]]:
    """The header blocks of a message/delivery-status or feedback-report part."""
    payload = part.get_payload()
    if isinstance(payload, list):  # parsed as a list of header blocks
        return [{k.lower(): v for k, v in block.items()} for block in payload]
    blocks = []
    for chunk in str(payload).strip().split("\n\n"):
        fields = {}
        for line in chunk.splitlines():
            if ":" in line:
                key, value = line.split(":", 1)
                fields[key.strip().lower()] = value.strip()
        blocks.append(fields)
    return blocks


def _delivery_status(message: Message) -> list[str]:
    done = []
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        for fields in _fields(part):
            recipient = fields.get("final-recipient") or fields.get(
                "original-recipient"
            )
            action = fields.get("action", "").lower()
            status = fields.get("status", "")
            if not recipient or action not in ("failed", "delayed"):
                continue
            address = recipient.split(";", 1)[-1].strip()
            kind = Bounce.Kind.HARD if status.startswith("5") else Bounce.Kind.SOFT
            services.bounce_record(
                email=address,
                kind=kind,
                source="mailbox",
                detail=f"{status} {fields.get('diagnostic-code', '')}".strip(),
            )
            done.append(f"{kind} bounce: {address}")
    return done


def _complaint(message: Message) -> list[str]:
    address = ""
    for part in message.walk():
        if part.get_content_type() == "message/feedback-report":
            for fields in _fields(part):
                address = address or fields.get("original-rcpt-to", "")
        elif part.get_content_type() in ("message/rfc822", "text/rfc822-headers"):
            inner = (
                part.get_payload(0)
                if part.is_multipart()
                else parse(part.get_payload(decode=True) or b"")
            )
            address = address or parseaddr(inner.get("To", ""))[1]
    if "@" not in address:
        return []
    services.bounce_record(email=address, kind=Bounce.Kind.COMPLAINT, source="mailbox")
    return [f"complaint: {address}"]


def _unsubscribe(message: Message, recipient_id: int) -> list[str]:
    """Unsubscribe the reader of that mail, if this request comes from the very
    address it was sent to (the number alone is no proof)."""
    sender = parseaddr(message.get("From", ""))[1].strip().lower()
    recipient = (
        Recipient.objects.filter(pk=recipient_id)
        .select_related("subscriber", "sending__newsletter")
        .first()
    )
    if recipient is None or recipient.subscriber.email != sender:
        return []
    subscriber: Subscriber = recipient.subscriber
    if not Subscription.objects.filter(
        email_field=subscriber.email,
        newsletter=recipient.sending.newsletter,
        subscribed=True,
    ).exists():
        return []
    services.unsubscribe(
        subscriber=subscriber,
        newsletters=[recipient.sending.newsletter],
        source=source_text(gettext_noop("List-Unsubscribe mailto")),
    )
    return [f"unsubscribed by mail: {sender}"]
