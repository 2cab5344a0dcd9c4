"""Mail in and out of the outbox.

`outbox_accept` stores messages and queues their delivery; `outbound_deliver`
hands one to the mail server over the real transport; a refusal or an unreachable
server schedules another attempt, later each time, until `MAX_ATTEMPTS`. The
schedule's `outbox_retry_due` sends what is due again, so mails go out once the
server is back. Bulk senders (newsletters, the e-mail course) keep their own
claimed rows and talk to the transport directly through `transport_connection`.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .message import message_dump, message_load
from .models import OutboundMail
from .selectors import mails_waiting_for

logger = logging.getLogger(__name__)

# Minutes until the next attempt after the n-th failure; then the mail is failed.
BACKOFF_MINUTES = (1, 2, 5, 10, 30, 60, 120, 240, 480, 720)
MAX_ATTEMPTS = len(BACKOFF_MINUTES)
# A claimed mail is not taken again by another worker for this long.
LEASE = timedelta(minutes=10)
RETRY_BATCH = 500
# The attribute `mail.later.composer` marks a composing function with.
COMPOSER_MARK = "mail_composer"


def transport_connection(**kwargs):
    """A connection to the real mail server (SMTP in production), bypassing the
    outbox: for senders that keep their own record of what went out."""
    return get_connection(settings.MAIL_TRANSPORT_BACKEND, **kwargs)


def outbox_accept(*, messages: list[EmailMessage]) -> list[int]:
    """Keep the messages (in the same transaction as the work that wrote them, so
    a rolled-back request sends nothing). Returns their ids, for the caller to
    queue their delivery."""
    now = timezone.now()
    rows = OutboundMail.objects.bulk_create(
        [
            OutboundMail(
                recipients=", ".join(message.recipients())[:2000],
                subject=str(message.subject)[:255],
                payload=message_dump(message),
                next_attempt_at=now,
            )
            for message in messages
        ]
    )
    return [row.pk for row in rows]


def _claim(pk: int, now) -> OutboundMail | None:
    claimed = OutboundMail.objects.filter(
        pk=pk, status=OutboundMail.Status.QUEUED, next_attempt_at__lte=now
    ).update(next_attempt_at=now + LEASE)
    if not claimed:
        return None
    return OutboundMail.objects.filter(pk=pk).first()


def outbound_deliver(*, mail_id: int, connection=None, now=None) -> bool:
    """Send one mail if it is due and nobody else is sending it. Returns whether
    the mail server took it. A failure is recorded, never raised: the mail waits
    for its next attempt."""
    now = now or timezone.now()
    mail = _claim(mail_id, now)
    if mail is None:
        return False
    message = message_load(mail.payload)
    try:
        message.connection = connection or transport_connection()
        message.send()
    except Exception as error:  # noqa: BLE001 - any transport fault means "later"
        _failed(mail, error, now)
        return False
    OutboundMail.objects.filter(pk=mail.pk).delete()
    return True


def _failed(mail: OutboundMail, error: Exception, now) -> None:
    attempts = mail.attempts + 1
    reason = f"{type(error).__name__}: {error}"[:1000]
    if attempts >= MAX_ATTEMPTS:
        status = OutboundMail.Status.FAILED
        next_attempt = now
        logger.error("mail to %s given up: %s", mail.recipients, reason)
    else:
        status = OutboundMail.Status.QUEUED
        next_attempt = now + timedelta(minutes=BACKOFF_MINUTES[attempts - 1])
        logger.warning(
            "mail to %s not sent (attempt %d), next at %s: %s",
            mail.recipients,
            attempts,
            next_attempt.isoformat(),
            reason,
        )
    OutboundMail.objects.filter(pk=mail.pk).update(
        attempts=attempts,
        status=status,
        next_attempt_at=next_attempt,
        last_error=reason,
    )


def outbox_retry_due(*, now=None) -> int:
    """Send again every queued mail whose next attempt is due, over one connection.
    Returns how many the server took."""
    now = now or timezone.now()
    due = list(
        OutboundMail.objects.filter(
            status=OutboundMail.Status.QUEUED, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:RETRY_BATCH]
    )
    if not due:
        return 0
    sent = 0
    connection = transport_connection()
    try:
        for pk in due:
            with transaction.atomic():
                if not outbound_deliver(mail_id=pk, connection=connection, now=now):
                    # The server is likely still down: the rest waits for the next
                    # run instead of each waiting out its own connect timeout.
                    break
                sent += 1
    finally:
        try:
            connection.close()
        except Exception:  # noqa: BLE001, S110 - a dead server's socket
            pass
    return sent


def composed_mail_send(*, path: str, kwargs: dict) -> bool:
    """Call the composer at `path` (marked by `mail.later.composer`) and send the
    mail it makes through the outbox. Returns whether there was one."""
    fn = import_string(path)
    if getattr(fn, COMPOSER_MARK, None) != path:
        raise ValueError(f"{path} is not a mail composer")
    message = fn(**kwargs)
    if message is None:
        return False
    message.send()
    return True


def outbox_erase(*, email: str) -> int:
    """GDPR: forget the mails still waiting for an address."""
    deleted, _ = OutboundMail.objects.filter(
        pk__in=[mail.pk for mail in mails_waiting_for(email)]
    ).delete()
    return deleted
