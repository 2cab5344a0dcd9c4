"""The newsletter list from WordPress (MailPoet, the Newsletter plugin) or
Mailchimp: `import_subscribers FILE.csv`.

Each row keeps its address, name, lists, status and the date, source and IP of
its consent. Every consent goes into the ledger, marked as imported, with the
evidence the file gives ("Import aus MailPoet, Datei …, Zeile 7: Einwilligung vom
…, IP …"). Unsubscribed and bounced addresses are kept as such, so they are never
mailed. No mail is sent, unless `reconfirm` asks the active addresses for a new
double opt-in. A bad row is reported with its line number and skipped. Run again,
the import adds nothing twice.
"""

import csv
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from newsletter.models import Newsletter, Subscription

from consent.models import ConsentRecord
from consent.services import consent_entry
from newsletters.models import Subscriber
from newsletters.services import subscription_request

#: Column names and status words of the usual exports; options override each.
FORMATS = {
    "mailpoet": {
        "label": "MailPoet",
        "email": "email",
        "first_name": "first_name",
        "last_name": "last_name",
        "status": "status",
        "lists": "lists",
        "date": "created_at",
        "confirmed": "confirmed_at",
        "ip": "subscribed_ip",
        "source": "source",
        "statuses": {
            "subscribed": "subscribed",
            "unconfirmed": "unconfirmed",
            "unsubscribed": "unsubscribed",
            "bounced": "bounced",
            "inactive": "unsubscribed",
        },
    },
    "newsletter": {
        "label": "Newsletter (WordPress)",
        "email": "Email",
        "first_name": "Name",
        "last_name": "Surname",
        "status": "Status",
        "lists": "Lists",
        "date": "Created",
        "confirmed": "",
        "ip": "IP",
        "source": "Referrer",
        "statuses": {
            "C": "subscribed",
            "S": "unconfirmed",
            "U": "unsubscribed",
            "B": "bounced",
            "P": "unsubscribed",
        },
    },
    "mailchimp": {
        "label": "Mailchimp",
        "email": "Email Address",
        "first_name": "First Name",
        "last_name": "Last Name",
        "status": "",
        "lists": "TAGS",
        "date": "OPTIN_TIME",
        "confirmed": "CONFIRM_TIME",
        "ip": "OPTIN_IP",
        "source": "",
        "statuses": {
            "subscribed": "subscribed",
            "unsubscribed": "unsubscribed",
            "cleaned": "bounced",
            "pending": "unconfirmed",
        },
    },
}
DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
)


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    unsubscribed: int = 0
    bounced: int = 0
    reconfirm_sent: int = 0
    problems: list[str] = field(default_factory=list)


def _date(text: str):
    text = (text or "").strip()
    for pattern in DATE_FORMATS:
        try:
            return timezone.make_aware(datetime.strptime(text, pattern))
        except ValueError:
            continue
    return None


def import_subscribers(
    path,
    *,
    format: str,
    columns: dict | None = None,
    newsletter_for: dict[str, str] | None = None,
    default_newsletter: str | None = None,
    default_status: str = "",
    reconfirm: bool = False,
) -> Result:
    """Import the file; see the module's docstring. `columns` overrides the
    format's column names, `newsletter_for` maps the file's list names to our
    newsletters' slugs (rows without a list go to `default_newsletter`)."""
    preset = FORMATS[format]
    names = {**preset, **{k: v for k, v in (columns or {}).items() if v}}
    newsletters = {n.slug: n for n in Newsletter.objects.all()}
    mapping = newsletter_for or {}
    result = Result()
    path = Path(path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        sample = handle.read(4096)
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.DictReader(handle, dialect=dialect)
        if names["email"] not in (reader.fieldnames or []):
            raise ValueError(
                f"{path.name}: no column „{names['email']}“ (columns: "
                f"{', '.join(reader.fieldnames or [])})"
            )
        run = _Run(
            names,
            preset,
            newsletters,
            mapping,
            default_newsletter,
            default_status,
            reconfirm,
            path,
            result,
        )
        for row in reader:
            line = reader.line_num
            try:
                with transaction.atomic():
                    _row(row, line, run)
            except RowError as error:
                result.skipped += 1
                result.problems.append(f"line {line}: {error}")
    return result


class RowError(Exception):
    """A row that cannot be imported; the message says why."""


@dataclass
class _Run:
    """What every row of one import reads."""

    names: dict
    preset: dict
    newsletters: dict
    mapping: dict
    default_newsletter: str | None
    default_status: str
    reconfirm: bool
    path: Path
    result: Result


def _row(row, line: int, run: "_Run") -> None:
    email = (row.get(run.names["email"]) or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise RowError(f"„{email}“ is not an e-mail address") from error
    raw_status = (
        (row.get(run.names["status"]) or "").strip() if run.names["status"] else ""
    )
    status = run.preset["statuses"].get(raw_status or run.default_status, None)
    if status is None and raw_status in run.preset["statuses"].values():
        status = raw_status
    if status is None:
        raise RowError(f"unknown status „{raw_status or run.default_status}“")
    lists = (
        [
            part.strip()
            for part in (row.get(run.names["lists"]) or "").replace(";", ",").split(",")
            if part.strip()
        ]
        if run.names["lists"]
        else []
    )
    targets = []
    for name in lists:
        slug = run.mapping.get(name, name)
        if slug not in run.newsletters:
            raise RowError(f"list „{name}“ has no newsletter here (--list-map)")
        targets.append(run.newsletters[slug])
    if not targets:
        if not run.default_newsletter or run.default_newsletter not in run.newsletters:
            raise RowError("no list, and no --newsletter given")
        targets = [run.newsletters[run.default_newsletter]]
    name = " ".join(
        part
        for part in (
            (row.get(run.names["first_name"]) or "").strip(),
            (row.get(run.names["last_name"]) or "").strip(),
        )
        if part
    )[:100]
    given = _date(row.get(run.names["date"], "")) if run.names["date"] else None
    confirmed = (
        _date(row.get(run.names["confirmed"], "")) if run.names["confirmed"] else None
    )
    ip = (row.get(run.names["ip"]) or "").strip() if run.names["ip"] else ""
    source_field = (
        (row.get(run.names["source"]) or "").strip() if run.names["source"] else ""
    )
    subscriber, created = Subscriber.objects.get_or_create(
        email=email, defaults={"name": name, "language": "de"}
    )
    now = timezone.now()
    label = run.preset["label"]
    evidence = f"Import aus {label}, Datei {run.path.name}, Zeile {line}"
    wording = (
        f"Importierte Einwilligung in den Newsletter. Nachweis aus {label}: "
        f"Status „{raw_status or run.default_status}“"
        + (f", Einwilligung vom {given:%d.%m.%Y %H:%M}" if given else "")
        + (f", bestätigt am {confirmed:%d.%m.%Y %H:%M}" if confirmed else "")
        + (f", IP {ip}" if ip else "")
        + (f", Quelle {source_field}" if source_field else "")
        + "."
    )
    already = ConsentRecord.objects.filter(
        email=email,
        source__startswith=f"Import aus {run.preset['label']}, Datei {run.path.name}",
    ).exists()
    changed = False
    for newsletter in targets:
        subscription, made = Subscription.objects.get_or_create(
            email_field=email,
            newsletter=newsletter,
            defaults={"name_field": name or None},
        )
        if status == "subscribed" and not run.reconfirm:
            wanted = {"subscribed": True, "unsubscribed": False}
        elif status in ("unsubscribed", "bounced"):
            wanted = {"subscribed": False, "unsubscribed": True}
        else:  # unconfirmed, or asked to confirm again: pending, never mailed
            wanted = {"subscribed": False, "unsubscribed": False}
        if made or any(
            getattr(subscription, key) != value for key, value in wanted.items()
        ):
            Subscription.objects.filter(pk=subscription.pk).update(**wanted)
            changed = True
    if status == "subscribed" and not run.reconfirm and subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            confirmed_at=confirmed or given or now
        )
    if status == "bounced" and subscriber.deactivated_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(
            deactivated_at=now, deactivation_reason="bounced (imported)"
        )
        run.result.bounced += 1
    if status == "unsubscribed":
        run.result.unsubscribed += 1
    if not already:
        entries = [
            {
                "purpose": ConsentRecord.Purpose.NEWSLETTER,
                "scope": newsletter.slug,
                "email": email,
                "text": wording,
                "source": evidence,
                "ip_address": ip or None,
                "action": ConsentRecord.Action.WITHDRAWN
                if status in ("unsubscribed", "bounced")
                else ConsentRecord.Action.GIVEN,
                "awaits_confirmation": status == "unconfirmed",
                "confirmed_at": confirmed if status == "subscribed" else None,
            }
            for newsletter in targets
        ]
        for entry in entries:
            # The ledger is append-only: the consent's own date is set before
            # the entry is written.
            record = consent_entry(**entry)
            record.created_at = given or now
            record.save()
    if run.reconfirm and status in ("subscribed", "unconfirmed") and not already:
        subscription_request(
            email=email,
            newsletters=targets,
            text="Bitte bestätigen Sie Ihr Newsletter-Abonnement nach dem Umzug "
            "unserer Website.",
            source=f"{evidence} (erneute Bestätigung)",
            name=name,
            limited=False,
        )
        run.result.reconfirm_sent += 1
    if created:
        run.result.created += 1
    elif changed:
        run.result.updated += 1
    else:
        run.result.skipped += 1
