"""Refunds after an invoice (§ 14 UStG, GoBD): a cancellation invoice with its own
number from the invoices' gapless sequence, referring to the invoice it corrects,
mailed to the reader with its PDF; kept eight years, whatever erasure asks."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.core import mail
from oscar.core.loading import get_model
from pypdf import PdfReader

from delivery.models import Grant
from privacy.services import personal_data_erase
from shop import lifecycle
from shop.models import Invoice, InvoiceCorrection, RetainedUntil
from tests.flows.checkout import ADDRESS, guest_buys

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    pdf = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in pdf.pages).replace("\xa0", " ")


@pytest.fixture
def mixed_order(client, ids, django_capture_on_commit_callbacks):
    """Book 24,90 (7 %, shipped), eCourse 19,99 (19 %), article PDF 3,99 (7 %),
    3,90 shipping: 52,78 €, paid by the test payment."""
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.book, ids.course, ids.pdf_product, address=ADDRESS)
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.is_paid and order.total_incl_tax == D("52.78")
    mail.outbox.clear()
    return order


def test_a_full_refund_issues_the_next_number_and_mails_it(
    mixed_order, django_capture_on_commit_callbacks
):
    invoice = mixed_order.invoice
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.order_refunded(order_number=mixed_order.number)
        assert not lifecycle.order_refunded(order_number=mixed_order.number)
    correction = InvoiceCorrection.objects.get(invoice=invoice)
    assert correction.number == invoice.number + 1
    assert correction.total_gross == mixed_order.total_incl_tax
    assert {r["percent"]: r["tax"] for r in correction.rates} == {
        "7": "2.15",
        "19": "3.19",
    }
    assert Order.objects.get(pk=mixed_order.pk).status == Order.REFUNDED
    assert not Grant.objects.filter(
        line__order=mixed_order, revoked_at__isnull=True
    ).exists()

    [message] = [m for m in mail.outbox if m.to == ["leser@test.example"]]
    assert message.subject == f"Erstattung für Ihre Bestellung {mixed_order.number}"
    body = message.body.replace("\xa0", " ")
    assert "52,78 €" in body
    assert f"Rechnungskorrektur {correction.label}" in body
    [(name, data, kind)] = message.attachments
    assert name == f"Rechnungskorrektur-{correction.label}.pdf"
    assert kind == "application/pdf"
    text = _text(data)
    assert f"Rechnungskorrektur {correction.label}" in text
    assert f"Korrektur der Rechnung {invoice.label} vom" in text
    assert "−24,90 €" in text and "−3,90 €" in text  # the book and the postage
    assert "−52,78 €" in text and "MwSt. 19 %" in text and "−3,19 €" in text


def test_a_partial_refund_keeps_the_order_and_the_numbers_gapless(
    mixed_order, ids, client, django_capture_on_commit_callbacks
):
    lines = {line.product_id: line for line in mixed_order.lines.all()}
    pdf_line = lines[ids.pdf_product]
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.order_refunded(
            order_number=mixed_order.number,
            line_ids=[pdf_line.pk],
            reason="withdrawal",
        )
        # The same line twice refunds nothing.
        assert not lifecycle.order_refunded(
            order_number=mixed_order.number, line_ids=[pdf_line.pk]
        )
    first = InvoiceCorrection.objects.get(invoice=mixed_order.invoice)
    assert first.total_gross == D("3.99") and first.line_ids == [pdf_line.pk]
    assert first.get_reason_display() == "Widerruf durch den Kunden"
    assert Order.objects.get(pk=mixed_order.pk).status == Order.PAID
    assert Grant.objects.get(line=pdf_line).revoked_at is not None

    # Another order's invoice takes the next number after the correction.
    client.cookies.clear()
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.ebook, email="zweite@test.example")
    other = Order.objects.get(guest_email="zweite@test.example")
    assert other.invoice.number == first.number + 1

    # The rest: the book carries the postage with it, and the order is refunded.
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.order_refunded(order_number=mixed_order.number)
    second = mixed_order.invoice.corrections.get(number__gt=first.number)
    assert second.number == other.invoice.number + 1
    assert second.total_gross == D("52.78") - D("3.99")
    assert any(item["gross"] == "3.90" for item in second.items)
    assert Order.objects.get(pk=mixed_order.pk).status == Order.REFUNDED
    numbers = sorted(
        [*Invoice.objects.values_list("number", flat=True)]
        + [*InvoiceCorrection.objects.values_list("number", flat=True)]
    )
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_invoices_and_corrections_outlive_an_erasure(mixed_order, admin_user):
    lifecycle.order_refunded(order_number=mixed_order.number)
    correction = InvoiceCorrection.objects.get()
    year = correction.issued_at.year
    assert correction.keep_until == date(year + 8, 12, 31)
    entry = personal_data_erase(email="leser@test.example", staff=admin_user)
    assert "1 invoices and 1 cancellation invoices" in entry.note
    assert f"until 31 December {year + 8}" in entry.note
    assert Invoice.objects.filter(order=mixed_order).exists()
    assert InvoiceCorrection.objects.filter(pk=correction.pk).exists()
    with pytest.raises(RetainedUntil):
        correction.delete()
    with pytest.raises(RetainedUntil):
        mixed_order.invoice.delete()
