"""What a reader may still withdraw from, line by line, and why not where not.

The rules (§ 355, § 356 BGB):
- the period is 14 days; for digital content and services it runs from the
  contract (the order), for goods from their receipt, which the shop does not know:
  goods lines are always accepted and a shop manager checks the return;
- for digital content (a PDF, an e-book, a course) the right ends early once
  delivery has begun, but only if the buyer expressly agreed to early delivery
  and acknowledged the loss (§ 356(5) BGB): both ticks must be in the consent
  ledger for the order. Without them the right stands even after a download;
- a line already refunded, or already withdrawn, is not withdrawn again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from consent.models import ConsentRecord
from courses.selectors import lines_enrolled_at
from delivery.selectors import lines_delivered_at
from shop.contract import waiver_consents
from shop.invoices import lines_reversed

from .models import Withdrawal

Order = get_model("order", "Order")

PERIOD = timedelta(days=14)
OPEN_STATES = (
    Order.PENDING_PAYMENT,
    Order.AWAITING_TRANSFER,
    Order.PAID,
    Order.SHIPPED,
)


@dataclass
class LineRight:
    """One order line and whether it can be withdrawn now."""

    line: object
    withdrawable: bool
    shipped: bool
    reason: str = ""
    record: ConsentRecord | None = None


def order_find(*, number: str, email: str):
    """The order with this number placed under this address (a guest's or an
    account's), or None. Both must match, so a number alone reveals nothing."""
    number, email = (number or "").strip(), (email or "").strip()
    if not number or not email:
        return None
    return (
        Order.objects.filter(number=number)
        .filter(Q(guest_email__iexact=email) | Q(user__email__iexact=email))
        .select_related("user")
        .first()
    )


def orders_of_user(user) -> list:
    """A signed-in reader's orders that still have something to withdraw from,
    newest first, for the picker on the first step."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Order.objects.filter(user=user, status__in=OPEN_STATES).order_by(
            "-date_placed"
        )[:50]
    )


def waiver_record(order) -> ConsentRecord | None:
    """The ledger entry of the order's acknowledgement that the right ends with
    delivery, if the buyer gave it together with the consent to early delivery."""
    records = {record.purpose: record for record in waiver_consents(order)}
    if ConsentRecord.Purpose.EARLY_DELIVERY not in records:
        return None
    return records.get(ConsentRecord.Purpose.WITHDRAWAL_WAIVER)


def _date(moment: datetime) -> str:
    from django.utils import formats

    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def line_rights(order, *, now: datetime | None = None) -> list[LineRight]:
    """Every line of the order with its right of withdrawal as it stands now."""
    now = now or timezone.now()
    lines = list(order.lines.select_related("product__product_class"))
    ids = [line.pk for line in lines]
    invoice = getattr(order, "invoice", None) if order.is_paid else None
    reversed_ids = lines_reversed(invoice) if invoice is not None else set()
    withdrawn = {
        line_id: withdrawal
        for withdrawal in Withdrawal.objects.filter(order=order)
        for line_id in withdrawal.line_ids
    }
    begun = {**lines_delivered_at(ids), **lines_enrolled_at(ids)}
    waiver = waiver_record(order)
    rights = []
    for line in lines:
        shipped = bool(line.product and line.product.is_shipping_required)
        right = LineRight(line=line, withdrawable=True, shipped=shipped)
        if line.pk in withdrawn:
            right.withdrawable = False
            right.reason = _("Withdrawn on %(date)s.") % {
                "date": _date(withdrawn[line.pk].declared_at)
            }
        elif line.pk in reversed_ids or order.status in (
            Order.REFUNDED,
            Order.CANCELLED,
        ):
            right.withdrawable = False
            right.reason = _("Already cancelled or refunded.")
        elif not shipped and order.status not in (
            Order.PENDING_PAYMENT,
            Order.AWAITING_TRANSFER,
        ):
            if line.pk in begun and waiver is not None:
                right.withdrawable = False
                right.record = waiver
                right.reason = _(
                    "Your right of withdrawal for this item has expired: you "
                    "agreed that we deliver it before the withdrawal period ends "
                    "and acknowledged that your right ends with delivery "
                    "(§ 356(5) BGB); delivery began on %(date)s."
                ) % {"date": _date(begun[line.pk])}
            elif order.date_placed + PERIOD < now:
                right.withdrawable = False
                right.reason = _(
                    "The withdrawal period of 14 days ended on %(date)s."
                ) % {"date": _date(order.date_placed + PERIOD)}
        rights.append(right)
    return rights
