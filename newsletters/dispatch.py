"""Sending an issue, the worker's side: in batches over one SMTP connection each
(`NEWSLETTER_SEND_CONNECTIONS` batches at once, in threads), every mail with the
reader's own preference and one-click unsubscribe links, and never twice to anyone.

How "never twice" holds when the worker is killed: each reader is a `Recipient`
row. A chunk of rows is marked "claimed" (committed) before its mails go out and
"sent" after (`mail.bulk` sends and records them). A run that dies leaves rows
claimed; the next run (started by the `sendings_due` task once the dead one has
shown no sign of life for `STALE`) counts them as "unknown (interrupted)" (most of
them did go out) instead of sending them again, and goes on with the queued rows.
At most `CLAIM` readers per connection can miss the issue in a crash; nobody gets
it twice. Only one run works on a sending at a time: it holds a lease it renews
(`heartbeat_at`) every few seconds.
"""

import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection as database
from django.db import transaction
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from newsletter.models import Subscription

from mail.bulk import BulkConnection, PreparedMail, bulk_send, reader_message
from mail.compose import list_headers, sender_domain, site_root_url

from . import rendering, tokens
from .mails import newsletter_sender
from .models import Recipient, Sending, Subscriber
from .selectors import STALE, sending_counts

BATCH = 500  # mails per SMTP connection
CLAIM = 20  # mails claimed together: the most a crash can cost
HEARTBEAT = 5  # seconds between renewals of the lease; far below STALE
WRITE_STEP = 20_000  # subscriber ids whose readers are written at a time
INTERRUPTED = "interrupted (the worker stopped while sending)"
# Placeholders of the prepared mail (`mail.bulk.PreparedMail`).
_TO = "reader@placeholder.invalid"
_RID = "RCPTNUMBER"


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
        _render(sending)
    mailer = _Mailer(sending)
    batches = _batches(sending)
    if database.in_atomic_block or settings.NEWSLETTER_SEND_CONNECTIONS < 2:
        # Inside a transaction (a test, a shell) other threads would not see
        # the rows: one connection, in this thread.
        completed = all(mailer.send_batch(batch) for batch in batches)
    else:
        completed = _send_in_threads(mailer, batches)
    if not completed:
        return {"cancelled": True, **sending_counts(sending)}
    Sending.objects.filter(pk=sending.pk, status=Sending.Status.RUNNING).update(
        status=Sending.Status.FINISHED, finished_at=timezone.now()
    )
    return sending_counts(sending)


def _batches(sending: Sending):
    """The queued rows in batches of `BATCH`, each batch after the last one's
    highest id, so no two batches share a row. When the written rows run out,
    the next range of readers is written, until every subscriber's id is."""
    last = 0
    while True:
        batch = list(
            sending.recipients.filter(state=Recipient.State.QUEUED, pk__gt=last)
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH]
        )
        if batch:
            last = batch[-1]
            yield batch
        elif not _readers_write(sending):
            return


def _send_in_threads(mailer: "_Mailer", batches) -> bool:
    """`NEWSLETTER_SEND_CONNECTIONS` batches at once. A batch is listed (and its
    readers written) only when a connection is free for it, so the first mails
    go out while the rest of a large list is still being written."""
    workers = settings.NEWSLETTER_SEND_CONNECTIONS
    completed = True
    with ThreadPoolExecutor(workers) as pool:
        running: set = set()
        for batch in batches:
            running.add(pool.submit(mailer.send_batch_in_thread, batch))
            if len(running) >= workers:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                completed = all(future.result() for future in done) and completed
            if not completed or mailer.cancelled:
                break
        results = [future.result() for future in running]  # every one awaited
        completed = all(results) and completed
    return completed and not mailer.cancelled


@transaction.atomic
def _render(sending: Sending) -> None:
    """Render the issue once, with placeholders for each reader's links."""
    subject, html, text = rendering.issue_render(sending.issue)
    Sending.objects.filter(pk=sending.pk).update(subject=subject, html=html, text=text)
    sending.subject, sending.html, sending.text = subject, html, text


@transaction.atomic
def _readers_write(sending: Sending) -> bool:
    """Write the next `WRITE_STEP` subscriber ids' rows: one per confirmed, active
    subscriber. False when every id is written."""
    top = Subscriber.objects.aggregate(top=Max("pk"))["top"] or 0
    start = sending.written_through
    if start >= top:
        return False
    end = start + WRITE_STEP
    addresses = Subscription.objects.filter(
        newsletter_id=sending.newsletter_id, subscribed=True
    ).values("email_field")
    readers = (
        Subscriber.objects.filter(
            deactivated_at=None, email__in=addresses, pk__gt=start, pk__lte=end
        )
        .order_by()
        .values("pk")
    )
    # One INSERT … SELECT inside the database: the rows do not pass through
    # Python. A range at a time, so the first mails need not wait for half a
    # million rows (15 s), and the database server is never busy for long.
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
    Sending.objects.filter(pk=sending.pk).update(written_through=end)
    sending.written_through = end
    return True


class _Mailer:
    """Builds and sends the mails of one sending, one SMTP connection per batch."""

    def __init__(self, sending: Sending):
        self.sending = sending
        self.root = site_root_url()
        self.sender = newsletter_sender(sending.newsletter)
        self.domain = sender_domain(self.sender)
        self.list_id = f"<{sending.newsletter.slug}.{self.domain}>"
        self.mailto = settings.NEWSLETTER_UNSUBSCRIBE_MAILBOX or (
            f"unsubscribe@{self.domain}"
        )
        self.unsubscribe_path = reverse("newsletters:unsubscribe", args=["TOKEN"])
        self.preferences_path = reverse("newsletters:preferences", args=["TOKEN"])
        self.stamp = f"{sending.pk}.{int(timezone.now().timestamp())}"
        # The issue as rendered when the sending started, with placeholders.
        self.rendered = EmailMultiAlternatives(
            sending.subject,
            sending.text,
            self.sender,
            alternatives=[(sending.html, "text/html")],
        )
        # The whole mail as bytes once, with placeholders for the reader's
        # address, links and number.
        self.prepared = PreparedMail(
            self.message,
            {
                "to": _TO,
                "rid": _RID,
                "unsubscribe": rendering.UNSUBSCRIBE,
                "preferences": rendering.PREFERENCES,
            },
        )
        self.renewed = time.monotonic()
        self.cancelled = False

    def values(self, recipient_id: int, subscriber_id: int, email: str) -> dict:
        """What differs in one reader's mail: address, number and own links."""
        newsletter_id = self.sending.newsletter_id
        unsubscribe = tokens.unsubscribe_token(subscriber_id, email, newsletter_id)
        preferences = tokens.preferences_token(subscriber_id, email)
        return {
            "to": email,
            "rid": str(recipient_id),
            "unsubscribe": self.root
            + self.unsubscribe_path.replace("TOKEN", unsubscribe),
            "preferences": self.root
            + self.preferences_path.replace("TOKEN", preferences),
        }

    def message(self, values: dict[str, str]) -> EmailMultiAlternatives:
        """The mail of one reader, built by Django's mail classes."""

        def personal(body: str) -> str:
            return body.replace(rendering.UNSUBSCRIBE, values["unsubscribe"]).replace(
                rendering.PREFERENCES, values["preferences"]
            )

        recipient_id = values["rid"]
        return reader_message(
            rendered=self.rendered,
            to=values["to"],
            personal=personal,
            headers={
                **list_headers(
                    unsubscribe_url=values["unsubscribe"],
                    list_id=self.list_id,
                    mailto=f"{self.mailto}?subject=unsubscribe%20{recipient_id}",
                ),
                "Message-ID": f"<r{recipient_id}.{self.stamp}@{self.domain}>",
                "X-Newsletter-Recipient": recipient_id,
            },
        )

    def send_batch_in_thread(self, batch: list[int]) -> bool:
        try:
            return self.send_batch(batch)
        finally:
            database.close()  # this thread's own database connection

    def send_batch(self, batch: list[int]) -> bool:
        """One batch over one connection; opening it raises if the mail server is
        down, so the sending stays running and is resumed later."""
        with BulkConnection(per_connection=BATCH) as connection:
            connection.open()
            for start in range(0, len(batch), CLAIM):
                if not self._send_chunk(connection, batch[start : start + CLAIM]):
                    return False
        return True

    def _lease_renew(self) -> bool:
        """Renew this run's lease every few seconds (not every chunk); False once
        the sending was cancelled."""
        if time.monotonic() - self.renewed > HEARTBEAT:
            if not Sending.objects.filter(
                pk=self.sending.pk, status=Sending.Status.RUNNING
            ).update(heartbeat_at=timezone.now()):
                self.cancelled = True
            self.renewed = time.monotonic()
        return not self.cancelled

    def _send_chunk(self, connection: BulkConnection, chunk: list[int]) -> bool:
        if not self._lease_renew():
            return False
        Recipient.objects.filter(pk__in=chunk, state=Recipient.State.QUEUED).update(
            state=Recipient.State.CLAIMED
        )
        rows = Recipient.objects.filter(
            pk__in=chunk, state=Recipient.State.CLAIMED
        ).values_list("pk", "subscriber_id", "subscriber__email")
        outcome = bulk_send(
            connection,
            (
                (recipient_id, self.prepared, self.values(recipient_id, *reader))
                for recipient_id, *reader in rows
            ),
        )
        outcome.record(
            Recipient.objects.all(),
            sent_state=Recipient.State.SENT,
            failed_state=Recipient.State.FAILED,
        )
        return True
