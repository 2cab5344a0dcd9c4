"""Invoices: a gapless number when an order is paid, and the PDF rendered from it.

The number is taken from `InvoiceCounter` under a row lock in the transaction that
writes the invoice, so concurrent payments queue for the lock and a rolled-back
payment gives its number back. The seller's data is copied from the publisher
settings at that moment: an invoice printed again in five years shows the address it
was issued under.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import pdf
from publisher.selectors import seller_data
from shop import vat
from shop.models import Invoice, InvoiceCounter

SERIES = "RE"


def invoice_issue(order, *, fresh: bool = False) -> tuple[Invoice, bool]:
    """The order's invoice, issued now with the next number if it has none yet.

    `fresh`: the caller knows the order has none (it has just become paid, which an
    order does once), so the lookup is skipped. Runs in the caller's transaction when
    there is one (the payment's), else in its own."""
    with transaction.atomic(savepoint=False):
        return _invoice_issue(order, fresh=fresh)


def _invoice_issue(order, *, fresh: bool) -> tuple[Invoice, bool]:
    if not fresh:
        existing = Invoice.objects.filter(order=order).first()
        if existing is not None:
            return existing, False
    counter = InvoiceCounter.objects.select_for_update().filter(series=SERIES).first()
    if counter is None:
        InvoiceCounter.objects.get_or_create(series=SERIES)
        counter = InvoiceCounter.objects.select_for_update().get(series=SERIES)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    invoice = Invoice.objects.create(
        order=order,
        number=counter.last_number,
        issued_at=timezone.now(),
        seller=seller_data(),
    )
    return invoice, True


def invoice_context(invoice: Invoice) -> dict:
    order = invoice.order
    address = order.billing_address or order.shipping_address
    return {
        "invoice": invoice,
        "order": order,
        "lines": list(order.lines.all()),
        "seller": invoice.seller,
        "address": address,
        "rates": vat.order_breakdown(order),
    }


def invoice_pdf(invoice: Invoice) -> bytes:
    """The invoice as PDF, in the language the order was placed in."""
    with translation.override(invoice.order.language or settings.LANGUAGE_CODE):
        html = render_to_string("shop/invoice.html", invoice_context(invoice))
    return pdf.render(html)
