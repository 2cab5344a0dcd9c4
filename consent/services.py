"""Writes of the consent app: numbering the published versions of legal texts, and
appending to the consent ledger."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page, Revision

from core.http import client_ip

from .models import ConsentRecord, PolicyVersion


@transaction.atomic
def policy_version_record(
    *, page: Page, revision: Revision, role: str, text: str
) -> PolicyVersion | None:
    """Number a newly published revision of a legal page and keep its text.

    Pages without a legal role are not versioned. Publishing the same revision twice
    (a re-publish of an unchanged page) records nothing new.
    """
    if not role:
        return None
    existing = PolicyVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    last = (
        PolicyVersion.objects.select_for_update()
        .filter(page=page)
        .order_by("-number")
        .first()
    )
    version = PolicyVersion(
        page=page,
        revision=revision,
        role=role,
        number=(last.number + 1) if last else 1,
        title=page.title,
        text=text,
        published_at=page.last_published_at or revision.created_at,
    )
    version.full_clean()
    version.save()
    return version


def consent_record(**fields) -> ConsentRecord:
    """Append one entry to the ledger (the fields of `consent_entry`)."""
    record = consent_entry(**fields)
    record.save()
    return record


def consent_confirm(record: ConsentRecord) -> bool:
    """Note the confirmation of a double opt-in request, once: the one change a
    ledger entry ever gets. False if it was confirmed already."""
    now = timezone.now()
    confirmed = ConsentRecord.objects.filter(
        pk=record.pk, awaits_confirmation=True, confirmed_at__isnull=True
    ).update(confirmed_at=now)
    if confirmed:
        record.confirmed_at = now
    return bool(confirmed)


def unconfirmed_purge(*, days: int, now=None) -> int:
    """Delete double opt-in requests never confirmed within `days`: no consent was
    given, and the address of a stranger must not be kept."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    deleted, _ = ConsentRecord.objects.filter(
        awaits_confirmation=True, confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    return deleted


def consent_records(entries: list[dict]) -> list[ConsentRecord]:
    """Append several entries given together (one form, several ticks) at once."""
    return ConsentRecord.objects.bulk_create(
        [consent_entry(**entry) for entry in entries]
    )


def source_text(template: str, **values) -> str:
    """Where a consent was given, as the ledger shows it to the publisher's staff:
    in the site's language (German), whatever language the reader used. Callers
    mark `template` with `gettext_noop`; the ledger keeps the rendered text."""
    with translation.override(settings.LANGUAGE_CODE):
        return gettext(template) % values


def consent_entry(
    *,
    purpose: str,
    text: str,
    source: str,
    email: str = "",
    user=None,
    scope: str = "",
    policy_version: PolicyVersion | None = None,
    request: HttpRequest | None = None,
    ip_address: str | None = None,
    user_agent: str = "",
    action: str = ConsentRecord.Action.GIVEN,
    awaits_confirmation: bool = False,
    confirmed_at=None,
) -> ConsentRecord:
    """An unsaved ledger entry.

    `text` is the wording exactly as the person saw it (rendered in their language),
    `source` names the form and page. The client's address is the real one behind
    the trusted proxies, and the user agent is cut to the column's length; work
    done in the background passes both as read from the request
    (`ip_address`, `user_agent`).
    """
    record = ConsentRecord(
        purpose=purpose,
        scope=scope,
        action=action,
        email=email or (getattr(user, "email", "") if user else ""),
        user=user if user is not None and user.is_authenticated else None,
        text=text,
        policy_version=policy_version,
        source=source[:255],
        awaits_confirmation=awaits_confirmation,
        confirmed_at=confirmed_at,
    )
    if request is not None:
        ip_address = client_ip(request)
        user_agent = request.META.get("HTTP_USER_AGENT", "")
    record.ip_address = ip_address
    record.user_agent = (user_agent or "")[:255]
    return record
