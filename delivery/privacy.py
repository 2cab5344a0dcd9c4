"""Delivery's part in GDPR requests (found by `privacy.registry`).

Exported: every copy delivered to the address, with its stamp and SHA-256. A stamp
printed into a delivered file cannot be taken back; erasure removes the stored
stamps (which name the buyer) and the stamped files kept for nginx, and keeps the
order numbers, dates and hashes, which belong to the order's records (§ 147 AO).
"""

from django.db.models import Q

from .models import Delivery

KEPT_REASON = (
    "order numbers, dates and file hashes of delivered copies are part of the "
    "order's records (ten years by § 147 AO)"
)


def _deliveries(email: str):
    return Delivery.objects.filter(
        Q(grant__line__order__guest_email__iexact=email)
        | Q(grant__line__order__user__email__iexact=email)
    ).select_related("grant__line__order")


def export_personal_data(email: str) -> dict | None:
    deliveries = list(_deliveries(email))
    if not deliveries:
        return None
    return {
        "deliveries": [
            {
                "title": delivery.grant.line.title,
                "order": delivery.grant.line.order.number,
                "delivered_at": delivery.delivered_at.isoformat(),
                "stamp": delivery.stamp,
                "sha256": delivery.sha256,
            }
            for delivery in deliveries
        ]
    }


def erase_personal_data(email: str) -> dict:
    count = 0
    for delivery in _deliveries(email):
        if delivery.file:
            delivery.file.delete(save=False)
        Delivery.objects.filter(pk=delivery.pk).update(
            stamp=f"(erased) order {delivery.grant.line.order.number}", file=""
        )
        count += 1
    if not count:
        return {"erased": [], "kept": []}
    return {
        "erased": [
            f"the buyer's name in {count} delivered copies and the stored copies"
        ],
        "kept": [
            {
                "what": f"{count} delivered copies (order, date, hash)",
                "why": KEPT_REASON,
            }
        ],
    }
