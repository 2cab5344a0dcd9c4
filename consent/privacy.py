"""The consent ledger's part in GDPR requests (found by `privacy.registry`).

A person's consents are exported in full. Erasure keeps each record, because the
publisher must be able to prove a consent it relied on (Art. 7(1) GDPR) and a waiver
of the right of withdrawal belongs to the order's records; it replaces the address,
the account link, the IP address and the user agent with a keyed hash of the address,
so the fact stays provable to the person who still knows the address and to no one
else.
"""

from django.db.models import Q
from django.utils import timezone

from privacy.services import subject_hash

from .exports import record_as_dict
from .models import ConsentRecord

KEPT_REASON = (
    "kept as proof of consent (Art. 7(1) GDPR), with the address replaced by a "
    "keyed hash"
)


def _records(email: str):
    return ConsentRecord.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email)
    ).select_related("policy_version")


def export_personal_data(email: str) -> dict | None:
    records = list(_records(email))
    if not records:
        return None
    return {"consents": [record_as_dict(record) for record in records]}


def erase_personal_data(email: str) -> dict:
    hashed = subject_hash(email)
    now = timezone.now()
    count = 0
    for record in _records(email):
        record.email = ""
        record.user = None
        record.ip_address = None
        record.user_agent = ""
        record.subject_hash = hashed
        record.erased_at = now
        record._erasing = True
        record.save()
        count += 1
    return {
        "erased": [f"personal fields of {count} consent records"] if count else [],
        "kept": [{"what": f"{count} consent records", "why": KEPT_REASON}]
        if count
        else [],
    }
