"""The states of an order's payment, one way for every provider.

An order is placed waiting for its payment ("Pending payment" for Stripe and the test
payment, "Awaiting transfer" for prepayment) and becomes "Paid" only here, when the
provider has said so: Stripe's signed webhook or its session on the reader's return,
the test payment at once, a shop manager for a bank transfer (the dashboard's status
change runs `order_settle` through shop/receivers.py). Each step locks the order row,
so a webhook delivered twice, or at the same time as the reader's return, pays once.
"""

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from oscar.core.loading import get_model

from shop import invoices, mails

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
Basket = get_model("basket", "Basket")
Line = get_model("order", "Line")

logger = logging.getLogger("shop.payments")

PAID_EVENT = "Paid"
# Source type names are shown to staff in the dashboard's order page.
SOURCE_NAMES = {
    "stripe": "Stripe",
    "prepayment": "Vorkasse (Überweisung)",
    "test": "Testzahlung",
    "nothing": "Gutschein",
}


def _locked(order_number: str):
    """The order under a row lock, its lines and their products loaded once for
    everything a payment does with them."""
    return (
        Order.objects.select_for_update(of=("self",))
        .prefetch_related(
            Prefetch("lines", queryset=Line.objects.select_related("product"))
        )
        .filter(number=order_number)
        .first()
    )


@transaction.atomic
def order_pay(
    order_number: str, *, method: str, reference: str = "", basket_closed: bool = False
) -> bool:
    """Record the payment of the whole order and mark it paid; False if it already
    was (or no such order exists), so a repeated notice changes nothing.
    `basket_closed`: the checkout has already submitted the order's basket."""
    order = _locked(order_number)
    if order is None:
        logger.error("Payment for unknown order %s (%s)", order_number, method)
        return False
    if order.is_paid:
        return False
    _record_payment(order, method=method, reference=reference)
    order._payment_recorded = True
    order._basket_closed = basket_closed
    if order.status == Order.CANCELLED:
        _allocate_again(order)
    order.set_status(Order.PAID)  # shop/receivers.py settles it
    return True


_type_ids: dict[tuple[str, str], int] = {}


def _type_id(model, name: str) -> int:
    """The id of a payment source or event type, looked up once per process (the
    rows are written by a migration and never change)."""
    key = (model._meta.label, name)
    if key not in _type_ids:
        _type_ids[key] = model.objects.get_or_create(name=name)[0].pk
    return _type_ids[key]


def _record_payment(order, *, method: str, reference: str) -> None:
    source_type_id = _type_id(SourceType, SOURCE_NAMES.get(method, method))
    total = order.total_incl_tax
    Source.objects.create(
        order=order,
        source_type_id=source_type_id,
        currency=order.currency,
        amount_allocated=total,
        amount_debited=total,
        reference=reference[:255],
    )
    event = PaymentEvent.objects.create(
        order=order,
        event_type_id=_type_id(PaymentEventType, PAID_EVENT),
        amount=total,
        reference=reference[:128],
    )
    PaymentEventQuantity.objects.bulk_create(
        PaymentEventQuantity(event=event, line=line, quantity=line.quantity)
        for line in order.lines.all()
    )


def order_settle(order) -> None:
    """What follows a payment, done once: the payment on record (a transfer marked
    paid in the dashboard has none yet), the basket closed, the invoice issued, and
    the payment-received mail with it sent after the commit."""
    if (
        not getattr(order, "_payment_recorded", False)
        and not order.sources.filter(amount_debited__gt=Decimal("0")).exists()
    ):
        _record_payment(
            order, method=order.payment_method or "prepayment", reference="dashboard"
        )
    if not getattr(order, "_basket_closed", False):
        # A basket Stripe kept frozen while the reader paid is closed now.
        Basket.objects.filter(pk=order.basket_id).exclude(
            status=Basket.SUBMITTED
        ).update(status=Basket.SUBMITTED, date_submitted=timezone.now())
    # An order becomes paid once (config/settings.py's pipeline), so it has no
    # invoice yet.
    invoice, created = invoices.invoice_issue(order, fresh=True)
    if created:
        mails.order_mail_later(order, mails.PAYMENT_RECEIVED)


@transaction.atomic
def order_cancel(order_number: str) -> bool:
    """Cancel an order still waiting for its payment; a paid one stays paid."""
    order = _locked(order_number)
    if order is None or order.status not in (
        Order.PENDING_PAYMENT,
        Order.AWAITING_TRANSFER,
    ):
        return False
    order.set_status(Order.CANCELLED)
    return True


@transaction.atomic
def order_refund(order_number: str) -> bool:
    """The whole payment went back (a Stripe refund, or a shop manager's status
    change): downloads end, nothing else changes."""
    order = _locked(order_number)
    if order is None or order.status not in (Order.PAID, Order.SHIPPED):
        return False
    order.set_status(Order.REFUNDED)
    return True


def release_stock(order) -> None:
    """Give back the copies a cancelled order held."""
    for line in order.lines.select_related("stockrecord", "product__product_class"):
        if line.stockrecord is not None and _tracks_stock(line):
            line.stockrecord.cancel_allocation(line.quantity)


def _allocate_again(order) -> None:
    """A payment for a cancelled order (a late transfer): hold its copies again.

    The money is in, so the order is honoured even if the stock has run out since;
    the shop manager sees the shortfall as a negative free stock."""
    for line in order.lines.select_related("stockrecord", "product__product_class"):
        if line.stockrecord is not None and _tracks_stock(line):
            line.stockrecord.allocate(line.quantity)


def _tracks_stock(line) -> bool:
    return line.product is not None and line.product.get_product_class().track_stock


@transaction.atomic
def prepayment_reminders_and_cancellations(
    *, remind_after_days: int, cancel_after_days: int, now=None
) -> dict:
    """Remind readers whose transfer has not arrived after N days, cancel after M."""
    now = now or timezone.now()
    waiting = Order.objects.filter(status=Order.AWAITING_TRANSFER)
    cancelled = 0
    for order in waiting.filter(
        date_placed__lte=now - timezone.timedelta(days=cancel_after_days)
    ):
        if order_cancel(order.number):
            mails.order_mail_later(order, mails.CANCELLED)
            cancelled += 1
    reminded = 0
    for order in waiting.filter(
        date_placed__lte=now - timezone.timedelta(days=remind_after_days),
        reminded_at__isnull=True,
    ).select_for_update():
        order.reminded_at = now
        order.save(update_fields=["reminded_at"])
        mails.order_mail_later(order, mails.PAYMENT_REMINDER)
        reminded += 1
    return {"reminded": reminded, "cancelled": cancelled}
