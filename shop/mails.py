"""The shop's mails to readers, in the language the order was placed in and from
the publisher: order confirmation, awaiting payment (with the bank details),
payment reminder, payment received (with the invoice attached), shipped, cancelled.

They are made by the worker after the order's transaction commits
(`mail.later`): a mail server that is down delays a mail, it never rolls back an
order or a payment, and the invoice PDF is rendered outside the request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from mail.compose import Kind, message_build
from mail.later import composer, mail_queue
from publisher.selectors import seller_data
from shop import invoices, selectors

Order = get_model("order", "Order")

ORDER_PLACED = "order_placed"
AWAITING_PAYMENT = "awaiting_payment"
PAYMENT_REMINDER = "payment_reminder"
PAYMENT_RECEIVED = "payment_received"
SHIPPED = "shipped"
CANCELLED = "cancelled"
KINDS = (
    ORDER_PLACED,
    AWAITING_PAYMENT,
    PAYMENT_REMINDER,
    PAYMENT_RECEIVED,
    SHIPPED,
    CANCELLED,
)


def order_mail_queue(order, kind: str) -> None:
    """Send the mail of `kind` for `order` once the current transaction commits."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    mail_queue(order_mail, order_id=order.pk, kind=kind)


@composer
def order_mail(*, order_id: int, kind: str) -> EmailMultiAlternatives | None:
    """The worker's side of `order_mail_queue`."""
    order = Order.objects.select_related("invoice").filter(pk=order_id).first()
    return order_mail_message(order, kind) if order is not None else None


def order_mail_message(order, kind: str) -> EmailMultiAlternatives:
    """The mail of `kind` for `order`, ready to send."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    seller = seller_data()
    message = message_build(
        template=f"shop/mail/{kind}",
        to=order.email,
        kind=Kind.ORDER,
        language=order.language,
        context={
            "order": order,
            "lines": list(order.lines.all()),
            "seller": seller,
            "status_path": selectors.order_status_path(order),
            "bank": selectors.bank_details(order, seller),
            "downloads": selectors.order_downloads(order)
            if kind == PAYMENT_RECEIVED
            else [],
        },
    )
    if kind == PAYMENT_RECEIVED and hasattr(order, "invoice"):
        invoice = order.invoice
        with translation.override(order.language or settings.LANGUAGE_CODE):
            name = _("Invoice") + f"-{invoice.label}.pdf"
        message.attach(name, invoices.invoice_pdf(invoice), "application/pdf")
    return message
