"""Invoices: a gapless number when an order is paid, and the PDF rendered from it;
a cancellation invoice (Rechnungskorrektur) from the same sequence when a paid order
is refunded, in whole or in part.

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
from shop import einvoice, vat
from shop.models import Invoice, InvoiceCorrection, InvoiceCounter

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
    invoice = Invoice.objects.create(
        order=order,
        number=_number_next(),
        issued_at=timezone.now(),
        seller=seller_data(),
    )
    return invoice, True


def _number_next() -> int:
    """The next number of the series, under the counter's row lock (held until the
    caller's transaction ends)."""
    counter = InvoiceCounter.objects.select_for_update().filter(series=SERIES).first()
    if counter is None:
        InvoiceCounter.objects.get_or_create(series=SERIES)
        counter = InvoiceCounter.objects.select_for_update().get(series=SERIES)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def lines_reversed(invoice: Invoice) -> set[int]:
    """The ids of the order lines that earlier corrections of `invoice` reversed."""
    return {
        line_id
        for ids in invoice.corrections.values_list("line_ids", flat=True)
        for line_id in ids
    }


def invoice_correct(
    order, *, line_ids: list[int] | None = None, reason: str = "refund"
) -> InvoiceCorrection | None:
    """Issue the cancellation invoice of the order's lines `line_ids` (all not yet
    reversed when None). The order's shipping is reversed with the last shipped
    line. None when the order has no invoice or nothing is left to reverse. Runs in
    the caller's transaction (the lifecycle's)."""
    invoice = Invoice.objects.filter(order=order).first()
    if invoice is None:
        return None
    done = lines_reversed(invoice)
    lines = [line for line in order.lines.all() if line.pk not in done]
    if line_ids is not None:
        wanted = set(line_ids)
        lines = [line for line in lines if line.pk in wanted]
    if not lines:
        return None
    amounts = vat.order_amounts(order)
    all_lines = list(order.lines.all())
    chosen = {line.pk for line in lines}
    picked = [
        amount
        for line, amount in zip(all_lines, amounts, strict=True)
        if line.pk in chosen
    ]
    shipped_left = [
        line.pk
        for line, amount in zip(all_lines, amounts, strict=True)
        if amount.shipped and line.pk not in done and line.pk not in chosen
    ]
    shipping = vat.ZERO
    if order.shipping_incl_tax and any(a.shipped for a in picked) and not shipped_left:
        shipping = order.shipping_incl_tax
    rates = vat.breakdown(picked, shipping)
    items = [
        {
            "title": line.title,
            "quantity": line.quantity,
            "percent": vat.percent(amount.rate),
            "gross": str(amount.gross),
        }
        for line, amount in zip(all_lines, amounts, strict=True)
        if line.pk in chosen
    ]
    if shipping:
        items.append(
            {
                "title": str(order.shipping_method),
                "quantity": 1,
                "percent": " / ".join(vat.shipping_percents(order)),
                "gross": str(shipping),
            }
        )
    return InvoiceCorrection.objects.create(
        invoice=invoice,
        number=_number_next(),
        issued_at=timezone.now(),
        reason=reason,
        line_ids=sorted(chosen),
        items=items,
        rates=[
            {
                "percent": rate.percent,
                "net": str(rate.net),
                "tax": str(rate.tax),
                "gross": str(rate.gross),
            }
            for rate in rates
        ],
        total_gross=sum((rate.gross for rate in rates), vat.ZERO),
        seller=seller_data(),
    )


def correction_pdf(correction: InvoiceCorrection) -> bytes:
    """The cancellation invoice as PDF, in the language of the order."""
    invoice = correction.invoice
    order = invoice.order
    with translation.override(order.language or settings.LANGUAGE_CODE):
        html = render_to_string(
            "shop/invoice_correction.html",
            {
                "correction": correction,
                "invoice": invoice,
                "order": order,
                "seller": correction.seller,
                "address": order.billing_address or order.shipping_address,
            },
        )
    document = pdf.render(html, variant="pdf/a-3b")
    xml = einvoice.xml_build(einvoice.correction_data(correction))
    return einvoice.hybrid(document, xml, language=order.language)


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
    """The invoice as a hybrid e-invoice: the PDF/A-3 in the language the order
    was placed in, with its Factur-X XML (EN 16931) embedded."""
    language = invoice.order.language or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string("shop/invoice.html", invoice_context(invoice))
    document = pdf.render(html, variant="pdf/a-3b")
    xml = einvoice.xml_build(einvoice.invoice_data(invoice))
    return einvoice.hybrid(document, xml, language=language)


def invoice_xrechnung(invoice: Invoice) -> bytes:
    """The invoice as XRechnung (CII) for business buyers."""
    return einvoice.xml_build(einvoice.invoice_data(invoice), xrechnung=True)
