"""An order's life after it is placed: paid, cancelled, refunded, shipped.

Each change is one function, whoever asks for it: a payment provider (Stripe's
webhook or the reader's return, the test payment, a voucher that covers all), the
daily prepayment follow-up, or a shop manager in the dashboard
(`shop/order/processing.py`). Each locks the order row and acts only if the order is
in a state the change fits, so a webhook delivered twice, or a double click in the
dashboard, changes the order once. What each does, in this order:

- `order_paid`: record the payment (source and event), hold the copies again if a
  late transfer pays a cancelled order, set "Paid", close the basket, issue the
  invoice and queue the payment mail with it; then the apps above run their
  `core.hooks.ORDER_PAID` handlers (delivery opens the download grants and queues
  the renders, courses enrols the buyer).
- `order_cancelled`: set "Cancelled" and give back the copies it held; then
  `ORDER_CANCELLED` (delivery revokes grants, courses ends enrolments).
- `order_refunded`: the whole order, or some of its lines (a withdrawal that
  leaves out downloads whose right had expired): set "Refunded" when nothing is
  left, issue the cancellation invoice and queue the refund mail with it; then
  `ORDER_REFUNDED` with the lines (the same revocations, for those lines).
- `order_shipped`: set "Shipped", take the held copies out of stock, mail the reader.

Everything runs inside one transaction: a handler that fails rolls the change back
(Stripe then retries its webhook). Mails are queued for after the commit.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from oscar.core.loading import get_model
from wagtail import hooks

from core import hooks as names
from shop import invoices, mails

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
Line = get_model("order", "Line")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
PaymentEventQuantity = get_model("order", "PaymentEventQuantity")

logger = logging.getLogger("shop.payments")

WAITING_FOR_PAYMENT = (Order.PENDING_PAYMENT, Order.AWAITING_TRANSFER)


def _locked(order_number: str):
    """The order under a row lock, its lines and their products loaded once for
    everything the change does with them."""
    return (
        Order.objects.select_for_update(of=("self",))
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=Line.objects.select_related(
                    "product__product_class"
                ).prefetch_related("attributes__option"),
            )
        )
        .filter(number=order_number)
        .first()
    )


def _handlers_run(hook_name: str, order, **kwargs) -> None:
    """The apps' handlers of a lifecycle hook, in their declared order."""
    for handler in hooks.get_hooks(hook_name):
        handler(order=order, **kwargs)


@transaction.atomic
def order_paid(
    *,
    order_number: str,
    method: str,
    reference: str = "",
    basket_closed: bool = False,
) -> bool:
    """The whole order is paid. False if it already was (or no such order
    exists), so a repeated notice changes nothing. `basket_closed`: the checkout
    has already submitted the order's basket."""
    order = _locked(order_number)
    if order is None:
        logger.error("Payment for unknown order %s (%s)", order_number, method)
        return False
    if order.is_paid:
        return False
    _payment_record(order, method=method, reference=reference)
    if order.status == Order.CANCELLED:
        _stock_allocate_again(order)
    order.set_status(Order.PAID)
    if not basket_closed:
        # A basket Stripe kept frozen while the reader paid is closed now.
        Basket.objects.filter(pk=order.basket_id).exclude(
            status=Basket.SUBMITTED
        ).update(status=Basket.SUBMITTED, date_submitted=timezone.now())
    # An order becomes paid once (config/settings.py's pipeline has no way back
    # to a waiting status), so it has no invoice yet.
    invoices.invoice_issue(order, fresh=True)
    mails.order_mail_queue(order, mails.PAYMENT_RECEIVED)
    _handlers_run(names.ORDER_PAID, order)
    return True


@transaction.atomic
def order_cancelled(*, order_number: str) -> bool:
    """Cancel an order still waiting for its payment; a paid one stays paid."""
    order = _locked(order_number)
    if order is None or order.status not in WAITING_FOR_PAYMENT:
        return False
    order.set_status(Order.CANCELLED)
    _stock_release(order)
    _handlers_run(names.ORDER_CANCELLED, order)
    return True


@transaction.atomic
def order_refunded(
    *, order_number: str, line_ids: list[int] | None = None, reason: str = "refund"
) -> bool:
    """The payment went back, for the whole order (a Stripe refund, a shop
    manager's status change) or for the lines `line_ids` (a withdrawal that cannot
    take back downloads whose right had expired).

    The invoice is corrected by a cancellation invoice of what went back, mailed to
    the reader; the downloads and courses of those lines end. The order becomes
    "Refunded" once no line is left. False when the order is not paid, or the lines
    were reversed already."""
    order = _locked(order_number)
    if order is None or order.status not in (Order.PAID, Order.SHIPPED):
        return False
    lines = list(order.lines.all())
    invoice = getattr(order, "invoice", None)
    before = invoices.lines_reversed(invoice) if invoice is not None else set()
    open_ids = [line.pk for line in lines if line.pk not in before]
    chosen = open_ids if line_ids is None else [i for i in open_ids if i in line_ids]
    if not chosen:
        return False
    correction = invoices.invoice_correct(order, line_ids=chosen, reason=reason)
    if len(chosen) == len(open_ids):
        order.set_status(Order.REFUNDED)
    if correction is not None:
        mails.order_mail_queue(order, mails.REFUNDED, correction_id=correction.pk)
    _handlers_run(
        names.ORDER_REFUNDED,
        order,
        lines=[line for line in lines if line.pk in set(chosen)],
    )
    return True


@transaction.atomic
def order_shipped(*, order_number: str) -> bool:
    """The parcel left: the copies it held leave the stock, the reader is told."""
    order = _locked(order_number)
    if order is None or order.status != Order.PAID:
        return False
    order.set_status(Order.SHIPPED)
    for line in _stock_lines(order):
        line.stockrecord.consume_allocation(line.quantity)
    mails.order_mail_queue(order, mails.SHIPPED)
    return True


@transaction.atomic
def orders_unpaid_follow_up(
    *, remind_after_days: int, cancel_after_days: int, now=None
) -> dict:
    """Daily: remind readers whose transfer has not arrived after N days, cancel
    after M."""
    now = now or timezone.now()
    waiting = Order.objects.filter(status=Order.AWAITING_TRANSFER)
    cancelled = 0
    for order in waiting.filter(
        date_placed__lte=now - timezone.timedelta(days=cancel_after_days)
    ):
        if order_cancelled(order_number=order.number):
            mails.order_mail_queue(order, mails.CANCELLED)
            cancelled += 1
    reminded = 0
    for order in waiting.filter(
        date_placed__lte=now - timezone.timedelta(days=remind_after_days),
        reminded_at__isnull=True,
    ).select_for_update():
        order.reminded_at = now
        order.save(update_fields=["reminded_at"])
        mails.order_mail_queue(order, mails.PAYMENT_REMINDER)
        reminded += 1
    return {"reminded": reminded, "cancelled": cancelled}


PAID_EVENT = "Zahlung eingegangen"  # named by migration order 0024
# Source type names, shown to staff in the dashboard's order page. The rows are
# shared by every language: a name is stored as it reads in the site's language.
SOURCE_NAMES = {
    "stripe": gettext_noop("Stripe"),
    "prepayment": gettext_noop("Prepayment (bank transfer)"),
    "test": gettext_noop("Test payment"),
    "nothing": gettext_noop("Voucher"),
}

_type_ids: dict[tuple[str, str], int] = {}


def _type_id(model, name: str) -> int:
    """The id of a payment source or event type, looked up once per process (the
    rows are written by a migration and never change)."""
    key = (model._meta.label, name)
    if key not in _type_ids:
        _type_ids[key] = model.objects.get_or_create(name=name)[0].pk
    return _type_ids[key]


def _payment_record(order, *, method: str, reference: str) -> None:
    """Oscar's record of the payment, as the dashboard shows it: the whole
    order's total as allocated and debited, and a "Paid" event for every line."""
    with translation.override(settings.LANGUAGE_CODE):
        name = _(SOURCE_NAMES[method]) if method in SOURCE_NAMES else method
    source_type_id = _type_id(SourceType, name)
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


def _stock_lines(order) -> list:
    """The lines whose copies the shop counts (books, not downloads)."""
    return [
        line
        for line in order.lines.select_related("stockrecord", "product__product_class")
        if line.stockrecord is not None
        and line.product is not None
        and line.product.get_product_class().track_stock
    ]


def _stock_release(order) -> None:
    """Give back the copies a cancelled order held."""
    for line in _stock_lines(order):
        line.stockrecord.cancel_allocation(line.quantity)


def _stock_allocate_again(order) -> None:
    """A payment for a cancelled order (a late transfer): hold its copies again.

    The money is in, so the order is honoured even if the stock has run out since;
    the shop manager sees the shortfall as a negative free stock."""
    for line in _stock_lines(order):
        line.stockrecord.allocate(line.quantity)
