"""Mail to many readers: built once, sent over one connection, each outcome kept.

The newsletter's sending and the e-mail course share this. Each keeps its own rows
(a `Recipient`, a `LessonMail`) and claims them before sending, so a killed worker
never mails anyone twice; this module does the rest: `PreparedMail` (below),
`BulkConnection` (one SMTP connection for many mails, renewed after a failure),
`bulk_send` (send each, collect what went out and what failed and why) and
`Outcome.record` (mark the rows sent or failed).

Django builds a MIME message in about a millisecond; for ten thousand readers that
is most of a sending. `PreparedMail` builds the mail once with placeholders for
what differs per reader (address, links, numbers) and keeps its bytes; each
reader's mail is then a few byte replacements handed to the open SMTP connection.
Where the encoding would not keep a placeholder whole (a body line so long it goes
out quoted-printable, a non-ASCII value, another mail backend), the reader's mail is
built by Django as usual.
"""

import smtplib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parseaddr

from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends import smtp
from django.db.models import QuerySet
from django.utils import timezone

from .services import transport_connection

# What a mail server (or a malformed address) raises for one mail.
SEND_ERRORS = (smtplib.SMTPException, OSError, ValueError)


class PreparedMail:
    def __init__(
        self,
        build: Callable[[dict[str, str]], EmailMultiAlternatives],
        placeholders: dict[str, str],
    ):
        """`build(values)` makes the mail for {name: value}; `placeholders` are
        the {name: placeholder} it is prepared with (ASCII, unique strings)."""
        self.build = build
        self.placeholders = placeholders
        message = build(placeholders)
        self.envelope_from = parseaddr(message.from_email)[1]
        raw = message.message().as_bytes(linesep="\r\n")
        self.raw: bytes | None = raw if self._whole(message, raw) else None

    def _whole(self, message: EmailMultiAlternatives, raw: bytes) -> bool:
        """Each placeholder comes out in the bytes as often as it went in."""
        sources = [
            message.subject,
            message.body,
            *message.to,
            *(str(value) for value in message.extra_headers.values()),
            *(content for content, _type in message.alternatives),
        ]
        return all(
            raw.count(placeholder.encode())
            == sum(source.count(placeholder) for source in sources)
            for placeholder in self.placeholders.values()
        )

    def send(self, connection, values: dict[str, str]) -> None:
        """Send the mail of one reader over an open connection."""
        if (
            self.raw is None
            or not isinstance(connection, smtp.EmailBackend)
            or not all(value.isascii() for value in values.values())
        ):
            connection.send_messages([self.build(values)])
            return
        raw = self.raw
        for name, placeholder in self.placeholders.items():
            raw = raw.replace(placeholder.encode(), values[name].encode())
        if connection.connection is None:
            raise smtplib.SMTPServerDisconnected("no connection")
        connection.connection.sendmail(self.envelope_from, [values["to"]], raw)


def reader_message(
    *,
    rendered: EmailMultiAlternatives,
    to: str,
    personal: Callable[[str], str],
    headers: dict[str, str],
) -> EmailMultiAlternatives:
    """One reader's mail from the mail rendered once for all: every part passed
    through `personal` (which puts in the reader's own links), to the reader, with
    the reader's headers (Message-ID, List-Unsubscribe)."""
    message = EmailMultiAlternatives(
        rendered.subject,
        personal(rendered.body),
        rendered.from_email,
        [to],
        headers=headers,
    )
    for content, mimetype in rendered.alternatives:
        message.attach_alternative(personal(content), mimetype)
    return message


class BulkConnection:
    """One connection to the real mail server for many mails, opened on first use
    (or by `open()`, which raises if the server is unreachable), renewed after
    `per_connection` mails and after a failed mail (the server may have dropped
    it; if it cannot be opened again, the next mail fails and says why)."""

    def __init__(self, *, per_connection: int = 500):
        self.per_connection = per_connection
        self.backend = None
        self.sent_on_it = 0

    def open(self) -> None:
        self.close()
        self.backend = transport_connection()
        self.backend.open()
        self.sent_on_it = 0

    def send(self, prepared: PreparedMail, values: dict[str, str]) -> None:
        if self.backend is None or self.sent_on_it >= self.per_connection:
            self.open()
        self.sent_on_it += 1
        prepared.send(self.backend, values)

    def close(self) -> None:
        if self.backend is not None:
            try:
                self.backend.close()
            except SEND_ERRORS:
                pass  # a dead server's socket
            self.backend = None

    def __enter__(self) -> "BulkConnection":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass
class Outcome:
    """Row ids that went out, and those that failed, grouped by the reason."""

    sent: list[int] = field(default_factory=list)
    failed: dict[str, list[int]] = field(default_factory=dict)

    @property
    def failed_count(self) -> int:
        return sum(len(ids) for ids in self.failed.values())

    def record(self, rows: QuerySet, *, sent_state: str, failed_state: str) -> None:
        """Mark the rows: `state` and `sent_at` for those sent, `state` and
        `error` for those that failed (one UPDATE per reason)."""
        rows.filter(pk__in=self.sent).update(state=sent_state, sent_at=timezone.now())
        for error, ids in self.failed.items():
            rows.filter(pk__in=ids).update(state=failed_state, error=error)


def bulk_send(
    connection: BulkConnection,
    mails: Iterable[tuple[int, PreparedMail, dict[str, str]]],
) -> Outcome:
    """Send each (row id, prepared mail, the reader's values) over `connection`;
    a failure is kept with its reason and the next mail gets a fresh connection."""
    outcome = Outcome()
    for row_id, prepared, values in mails:
        try:
            connection.send(prepared, values)
        except SEND_ERRORS as error:
            outcome.failed.setdefault(str(error)[:200], []).append(row_id)
            connection.close()
            continue
        outcome.sent.append(row_id)
    return outcome
