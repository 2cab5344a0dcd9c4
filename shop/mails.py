"""The shop's mails to readers, in the language the order was placed in and from
the publisher: order confirmation, awaiting payment (with the bank details),
payment reminder, payment received (with the invoice attached), shipped, cancelled,
refunded (with the cancellation invoice attached).

They are made by the worker after the order's transaction commits
(`mail.later`): a mail server that is down delays a mail, it never rolls back an
order or a payment, and the invoice PDF is rendered outside the request.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from mail.compose import Kind, message_build, site_root_url
from mail.later import composer, mail_queue
from publisher.selectors import seller_data
from shop import contract, invoices, selectors
from shop.models import InvoiceCorrection

Order = get_model("order", "Order")

ORDER_PLACED = "order_placed"
AWAITING_PAYMENT = "awaiting_payment"
PAYMENT_REMINDER = "payment_reminder"
PAYMENT_RECEIVED = "payment_received"
SHIPPED = "shipped"
CANCELLED = "cancelled"
REFUNDED = "refunded"
KINDS = (
    ORDER_PLACED,
    AWAITING_PAYMENT,
    PAYMENT_REMINDER,
    PAYMENT_RECEIVED,
    SHIPPED,
    CANCELLED,
    REFUNDED,
)


def order_mail_queue(order, kind: str, *, correction_id: int | None = None) -> None:
    """Send the mail of `kind` for `order` once the current transaction commits.
    A refund mail names its cancellation invoice."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    extra = {} if correction_id is None else {"correction_id": correction_id}
    mail_queue(order_mail, order_id=order.pk, kind=kind, **extra)


def _confirms_contract(order, kind: str) -> bool:
    """Whether this is the order's first mail, which confirms the contract: the
    order placed, the request for a transfer, or, for Stripe (no mail before),
    the payment received."""
    if kind in (ORDER_PLACED, AWAITING_PAYMENT):
        return True
    return kind == PAYMENT_RECEIVED and order.payment_method == "stripe"


@composer
def order_mail(
    *, order_id: int, kind: str, correction_id: int | None = None
) -> EmailMultiAlternatives | None:
    """The worker's side of `order_mail_queue`."""
    order = Order.objects.select_related("invoice").filter(pk=order_id).first()
    if order is None:
        return None
    return order_mail_message(order, kind, correction_id=correction_id)


def order_mail_message(
    order, kind: str, *, correction_id: int | None = None
) -> EmailMultiAlternatives:
    """The mail of `kind` for `order`, ready to send."""
    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    correction = (
        InvoiceCorrection.objects.filter(pk=correction_id, invoice__order=order).first()
        if correction_id is not None
        else None
    )
    seller = seller_data()
    confirms = _confirms_contract(order, kind)
    versions = contract.policy_versions_at(order) if confirms else {}
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
            "correction": correction,
            "contract": contract.contract_context(order, versions)
            if confirms
            else None,
        },
    )
    if confirms:
        for name, data in contract.contract_documents(
            order, versions, seller, site_root_url()
        ):
            message.attach(name, data, "application/pdf")
    if kind == PAYMENT_RECEIVED and hasattr(order, "invoice"):
        invoice = order.invoice
        with translation.override(order.language or settings.LANGUAGE_CODE):
            name = _("Invoice") + f"-{invoice.label}.pdf"
        message.attach(name, invoices.invoice_pdf(invoice), "application/pdf")
    if correction is not None:
        with translation.override(order.language or settings.LANGUAGE_CODE):
            name = _("Cancellation-invoice") + f"-{correction.label}.pdf"
        message.attach(name, invoices.correction_pdf(correction), "application/pdf")
    return message
