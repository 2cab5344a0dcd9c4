"""Sending an issue: in the background, in batches over one SMTP connection each
(`NEWSLETTER_SEND_CONNECTIONS` batches at once, in threads), every mail with the
reader's own preference and one-click unsubscribe links, and never twice to anyone.

How "never twice" holds when the worker is killed: each reader is a `Recipient`
row. A chunk of rows is marked "claimed" (committed) before its mails go out and
"sent" after. A run that dies leaves rows claimed; the next run (started by
`sendings_due` once the dead one has shown no sign of life for `STALE`) counts them
as "unknown (interrupted)" (most of them did go out) instead of sending them
again, and goes on with the queued rows. At most `CLAIM` readers per connection
can miss the issue in a crash; nobody gets it twice. Only one run works on a
sending at a time: it holds a lease it renews (`heartbeat_at`) every few seconds.
"""

import smtplib
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection as database
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from newsletter.models import Subscription

from mail.services import transport_connection

from . import rendering, tokens
from .bulkmail import PreparedMail
from .mails import sender, site_url
from .models import Issue, Recipient, Sending, Subscriber

BATCH = 500  # mails per SMTP connection
CLAIM = 20  # mails claimed together: the most a crash can cost
STALE = timedelta(minutes=2)
HEARTBEAT = 5  # seconds between renewals of the lease; far below STALE
INTERRUPTED = "interrupted (the worker stopped while sending)"
# Placeholders of the prepared mail (`bulkmail.PreparedMail`).
_TO = "reader@placeholder.invalid"
_RID = "RCPTNUMBER"


class AlreadySent(Exception):
    """The issue is sent, being sent or scheduled already."""


@transaction.atomic
def sending_create(*, issue: Issue, user=None, when=None) -> Sending:
    """Schedule `issue` for `when` (now if None); the worker starts it. An issue
    goes out once: a second click on "Send now" must not mail everyone again
    (a cancelled sending does not count)."""
    Issue.objects.select_for_update().filter(pk=issue.pk).first()
    if issue.sendings.exclude(status=Sending.Status.CANCELLED).exists():
        raise AlreadySent
    sending = Sending.objects.create(
        issue=issue,
        newsletter=issue.newsletter,
        scheduled_for=when or timezone.now(),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    if when is None:
        from .tasks import sending_run as task

        transaction.on_commit(lambda: task.enqueue(sending.pk))
    return sending


def sending_cancel(sending: Sending) -> bool:
    return bool(
        Sending.objects.filter(
            pk=sending.pk,
            status__in=[Sending.Status.SCHEDULED, Sending.Status.RUNNING],
        ).update(status=Sending.Status.CANCELLED, finished_at=timezone.now())
    )


def sendings_due(now=None) -> list[int]:
    """Queue scheduled sendings whose time has come and running ones whose worker
    died."""
    from .tasks import sending_run as task

    now = now or timezone.now()
    due = list(
        Sending.objects.filter(
            Q(status=Sending.Status.SCHEDULED, scheduled_for__lte=now)
            | Q(status=Sending.Status.RUNNING, heartbeat_at__lt=now - STALE)
        ).values_list("pk", flat=True)
    )
    for pk in due:
        task.enqueue(pk)
    return due


def sending_counts(sending: Sending) -> dict[str, int]:
    counts = dict(
        sending.recipients.values_list("state").annotate(n=Count("pk")).order_by()
    )
    total = sum(counts.values())
    return {
        "total": total,
        "queued": counts.get(Recipient.State.QUEUED, 0)
        + counts.get(Recipient.State.CLAIMED, 0),
        "sent": counts.get(Recipient.State.SENT, 0),
        "failed": counts.get(Recipient.State.FAILED, 0),
        "unknown": counts.get(Recipient.State.UNKNOWN, 0),
    }


def sending_run(sending_id: int) -> dict:
    """Send what is left of a sending. Returns the counts, or {"skipped": True}
    when another run holds the sending or it is not due."""
    now = timezone.now()
    taken = Sending.objects.filter(pk=sending_id).filter(
        Q(status=Sending.Status.SCHEDULED, scheduled_for__lte=now)
        | Q(status=Sending.Status.RUNNING, heartbeat_at__lt=now - STALE)
        | Q(status=Sending.Status.RUNNING, heartbeat_at=None)
    )
    if not taken.update(
        status=Sending.Status.RUNNING,
        heartbeat_at=now,
        started_at=Coalesce("started_at", now),
    ):
        return {"skipped": True}
    sending = Sending.objects.select_related("issue__newsletter").get(pk=sending_id)
    # Rows a dead run claimed may have gone out: never again.
    sending.recipients.filter(state=Recipient.State.CLAIMED).update(
        state=Recipient.State.UNKNOWN, error=INTERRUPTED
    )
    if not sending.html:
        _prepare(sending)
    mailer = _Mailer(sending)
    batches = _batches(sending)
    if database.in_atomic_block or settings.NEWSLETTER_SEND_CONNECTIONS < 2:
        # Inside a transaction (a test, a shell) other threads would not see
        # the rows: one connection, in this thread.
        completed = all(mailer.send_batch(batch) for batch in batches)
    else:
        with ThreadPoolExecutor(settings.NEWSLETTER_SEND_CONNECTIONS) as pool:
            completed = all(pool.map(mailer.send_batch_in_thread, batches))
    if not completed:
        return {"cancelled": True, **sending_counts(sending)}
    Sending.objects.filter(pk=sending.pk, status=Sending.Status.RUNNING).update(
        status=Sending.Status.FINISHED, finished_at=timezone.now()
    )
    return sending_counts(sending)


def _batches(sending: Sending):
    """The queued rows in batches of `BATCH`, each batch after the last one's
    highest id, so no two batches share a row."""
    last = 0
    while True:
        batch = list(
            sending.recipients.filter(state=Recipient.State.QUEUED, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if not batch:
            return
        last = batch[-1]
        yield batch


@transaction.atomic
def _prepare(sending: Sending) -> None:
    """Render the issue and write one row per confirmed, active subscriber."""
    subject, html, text = rendering.issue_render(sending.issue)
    Sending.objects.filter(pk=sending.pk).update(subject=subject, html=html, text=text)
    sending.subject, sending.html, sending.text = subject, html, text
    addresses = Subscription.objects.filter(
        newsletter_id=sending.newsletter_id, subscribed=True
    ).values("email_field")
    readers = (
        Subscriber.objects.filter(deactivated_at=None, email__in=addresses)
        .order_by()
        .values("pk")
    )
    # One INSERT … SELECT inside the database: ten thousand rows without taking
    # them through Python (and without loading the database server for seconds
    # while the site is being served).
    select, params = readers.query.sql_with_params()
    with database.cursor() as cursor:
        cursor.execute(
            # The table's name and Django's own SQL; every value is bound.
            # ("WHERE true" keeps SQLite from reading ON CONFLICT as a join's ON.)
            f"INSERT INTO {Recipient._meta.db_table} "  # noqa: S608
            "(sending_id, subscriber_id, state, error) "
            f"SELECT %s, readers.pk, %s, '' FROM ({select}) AS readers "
            "WHERE true ON CONFLICT DO NOTHING",
            [sending.pk, Recipient.State.QUEUED, *params],
        )


class _Mailer:
    """Builds and sends the mails of one sending, one SMTP connection per batch."""

    def __init__(self, sending: Sending):
        self.sending = sending
        self.root = site_url()
        self.sender = sender(sending.newsletter)
        self.domain = parseaddr(self.sender)[1].rsplit("@", 1)[-1]
        self.list_id = f"<{sending.newsletter.slug}.{self.domain}>"
        self.mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILBOX or (
            f"unsubscribe@{self.domain}"
        )
        self.unsubscribe_path = reverse("newsletters:unsubscribe", args=["TOKEN"])
        self.preferences_path = reverse("newsletters:preferences", args=["TOKEN"])
        self.stamp = f"{sending.pk}.{int(timezone.now().timestamp())}"
        # The whole mail as bytes once, with placeholders for the reader's
        # address, links and number (`bulkmail`).
        self.prepared = PreparedMail(
            lambda values: self.message(
                values["rid"],
                values["to"],
                values["unsubscribe"],
                values["preferences"],
            ),
            {
                "to": _TO,
                "rid": _RID,
                "unsubscribe": rendering.UNSUBSCRIBE,
                "preferences": rendering.PREFERENCES,
            },
        )
        self.renewed = time.monotonic()
        self.cancelled = False

    def links(self, subscriber_id: int, email: str) -> tuple[str, str]:
        unsubscribe = self.root + self.unsubscribe_path.replace(
            "TOKEN",
            tokens.unsubscribe_token(subscriber_id, email, self.sending.newsletter_id),
        )
        preferences = self.root + self.preferences_path.replace(
            "TOKEN", tokens.preferences_token(subscriber_id, email)
        )
        return unsubscribe, preferences

    def message(
        self, recipient_id, email: str, unsubscribe: str, preferences: str
    ) -> EmailMultiAlternatives:
        """The mail of one reader, built by Django's mail classes."""
        sending = self.sending

        def personal(body: str) -> str:
            return body.replace(rendering.UNSUBSCRIBE, unsubscribe).replace(
                rendering.PREFERENCES, preferences
            )

        message = EmailMultiAlternatives(
            sending.subject,
            personal(sending.text),
            self.sender,
            [email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>, <mailto:{self.mailto}"
                f"?subject=unsubscribe%20{recipient_id}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": self.list_id,
                "Message-ID": f"<r{recipient_id}.{self.stamp}@{self.domain}>",
                "X-Imprint-Recipient": str(recipient_id),
            },
        )
        message.attach_alternative(personal(sending.html), "text/html")
        return message

    def _send_one(self, connection, recipient_id, subscriber_id, email) -> None:
        unsubscribe, preferences = self.links(subscriber_id, email)
        self.prepared.send(
            connection,
            {
                "to": email,
                "rid": str(recipient_id),
                "unsubscribe": unsubscribe,
                "preferences": preferences,
            },
        )

    def send_batch_in_thread(self, batch: list[int]) -> bool:
        try:
            return self.send_batch(batch)
        finally:
            database.close()  # this thread's own database connection

    def send_batch(self, batch: list[int]) -> bool:
        connection = transport_connection()
        try:
            connection.open()
            for start in range(0, len(batch), CLAIM):
                if not self._send_chunk(connection, batch[start : start + CLAIM]):
                    return False
        finally:
            connection.close()
        return True

    def _send_chunk(self, connection, chunk: list[int]) -> bool:
        sending = self.sending
        # The lease: renewed while this run holds it (every few seconds, not
        # every chunk), lost if the sending was cancelled.
        if time.monotonic() - self.renewed > HEARTBEAT:
            if not Sending.objects.filter(
                pk=sending.pk, status=Sending.Status.RUNNING
            ).update(heartbeat_at=timezone.now()):
                self.cancelled = True
            self.renewed = time.monotonic()
        if self.cancelled:
            return False
        Recipient.objects.filter(pk__in=chunk, state=Recipient.State.QUEUED).update(
            state=Recipient.State.CLAIMED
        )
        rows = Recipient.objects.filter(
            pk__in=chunk, state=Recipient.State.CLAIMED
        ).values_list("pk", "subscriber_id", "subscriber__email")
        sent, failed = [], defaultdict(list)
        for recipient_id, subscriber_id, email in rows:
            try:
                self._send_one(connection, recipient_id, subscriber_id, email)
            except (smtplib.SMTPException, OSError, ValueError) as error:
                failed[str(error)[:200]].append(recipient_id)
                _reopen(connection)
                continue
            sent.append(recipient_id)
        now = timezone.now()
        Recipient.objects.filter(pk__in=sent).update(
            state=Recipient.State.SENT, sent_at=now
        )
        for error, ids in failed.items():
            Recipient.objects.filter(pk__in=ids).update(
                state=Recipient.State.FAILED, error=error
            )
        return True


def _reopen(connection) -> None:
    """After a failed mail, start the connection afresh (the server may have
    dropped it); if it cannot be opened, the next mails fail and say why."""
    connection.close()
    try:
        connection.open()
    except (smtplib.SMTPException, OSError):
        pass


def test_send(*, issue: Issue, email: str) -> None:
    """Send the issue to one editor now, as a subscriber would get it; its links
    lead to the newsletter page (an editor is not necessarily subscribed)."""
    subject, html, text = rendering.issue_render(issue)
    landing = site_url() + reverse("newsletters:list")
    for placeholder in (rendering.UNSUBSCRIBE, rendering.PREFERENCES):
        html, text = (
            html.replace(placeholder, landing),
            text.replace(placeholder, landing),
        )
    message = EmailMultiAlternatives(
        "[Test] " + subject, text, sender(issue.newsletter), [email]
    )
    message.attach_alternative(html, "text/html")
    message.send()
