"""Writes of the privacy app: an export or erasure with its audit entry."""

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from . import registry
from .models import PrivacyAuditEntry


def subject_hash(email: str) -> str:
    """A keyed hash of the address: the same address always gives the same value,
    which nobody without the secret key can turn back into the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, registry.normalise(email).encode(), hashlib.sha256).hexdigest()


def personal_data_export(*, email: str, staff) -> dict:
    """Everything held about `email`, with an audit entry naming who exported it."""
    data = registry.export(email)
    entry = PrivacyAuditEntry(
        action=PrivacyAuditEntry.Action.EXPORT,
        subject_hash=subject_hash(email),
        staff=staff,
        staff_email=getattr(staff, "email", ""),
        summary=dict.fromkeys(data, True),
    )
    entry.full_clean()
    entry.save()
    return {"email": registry.normalise(email), "data": data}


@transaction.atomic
def personal_data_erase(*, email: str, staff) -> PrivacyAuditEntry:
    """Erase `email` everywhere in one transaction (all or nothing), and record what
    was erased and what had to be kept, with the reason, in the audit entry."""
    report = registry.erase(email)
    kept = [item for outcome in report.values() for item in outcome["kept"]]
    note = _(
        "Erased what the apps hold about this person. Kept, as the law requires: "
        "%(kept)s."
    ) % {"kept": "; ".join(f"{item['what']} ({item['why']})" for item in kept)}
    if not kept:
        note = _("Erased what the apps hold about this person; nothing had to be kept.")
    entry = PrivacyAuditEntry(
        action=PrivacyAuditEntry.Action.ERASE,
        subject_hash=subject_hash(email),
        staff=staff,
        staff_email=getattr(staff, "email", ""),
        summary=report,
        note=note,
    )
    entry.full_clean()
    entry.save()
    return entry
