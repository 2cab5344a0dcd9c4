"""The shop's mails to readers, in the language the order was placed in and from
the publisher's name: order confirmation, awaiting payment (with the bank details),
payment reminder, payment received (with the invoice attached), shipped, cancelled.

They are sent by a background task queued after the order's transaction commits
(shop/tasks.py): a mail server that is down delays a mail, it never rolls back an
order or a payment.
"""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from pagecache.routing import default_site

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


def order_mail_later(order, kind: str) -> None:
    """Queue the mail once the current transaction has committed."""
    from shop.tasks import order_mail

    order_id = order.pk
    transaction.on_commit(lambda: order_mail.enqueue(order_id, kind))


def _site_url() -> str:
    site = default_site()
    if site is None:
        return ""
    return site.root_url


def order_mail_message(order, kind: str) -> EmailMultiAlternatives:
    """The mail of `kind` for `order`, ready to send."""
    from shop import invoices, selectors
    from shop.payments import providers

    if kind not in KINDS:
        raise ValueError(f"Unknown order mail {kind!r}")
    seller = invoices.seller_data()
    language = order.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "order": order,
            "lines": list(order.lines.all()),
            "seller": seller,
            "site_url": _site_url(),
            "status_path": providers.order_status_path(order),
            "bank": providers.bank_details(order, seller),
            "downloads": selectors.order_downloads(order)
            if kind == PAYMENT_RECEIVED
            else [],
        }
        subject = " ".join(
            render_to_string(f"shop/mail/{kind}_subject.txt", context).split()
        )
        body = render_to_string(f"shop/mail/{kind}_body.txt", context)
        attachment_name = _("Invoice") + "-{label}.pdf"
    sender = formataddr(
        (
            seller.get("name") or settings.SITE_NAME,
            parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        )
    )
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=sender, to=[order.email]
    )
    if kind == PAYMENT_RECEIVED and hasattr(order, "invoice"):
        invoice = order.invoice
        message.attach(
            attachment_name.format(label=invoice.label),
            invoices.invoice_pdf(invoice),
            "application/pdf",
        )
    return message


def order_mail_send(order_id: int, kind: str) -> None:
    order = Order.objects.select_related("invoice").get(pk=order_id)
    order_mail_message(order, kind).send()
