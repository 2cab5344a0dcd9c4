"""A reader can buy with plain HTML forms: basket, guest checkout, payment, order
placed, following each redirect as a browser does."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
Order = get_model("order", "Order")


def follow_checkout(client, response, limit=8):
    """Follow redirects like a browser would, returning the final response."""
    for _ in range(limit):
        if response.status_code != 302:
            return response
        response = client.get(response.url)
    raise AssertionError("checkout kept redirecting")


def test_guest_buys_an_article_pdf_without_shipping_steps(client, ids):
    pdf = Product.objects.get(pk=ids.pdf_product)
    client.post(f"/shop/basket/add/{pdf.pk}/", {"quantity": 1})

    gateway = client.post(
        "/shop/checkout/", {"username": "leserin@example.org", "options": "anonymous"}
    )
    page = follow_checkout(client, gateway)
    # No address or shipping method was asked for: the next step is the payment.
    assert page.status_code == 200
    assert page.request["PATH_INFO"] == "/shop/checkout/payment-method/"
    preview = follow_checkout(
        client, client.post("/shop/checkout/payment-method/", {"method": "test"})
    )
    assert preview.request["PATH_INFO"] == "/shop/checkout/preview/"
    assert "Zahlungspflichtig bestellen" in preview.content.decode()

    placed = client.post(
        "/shop/checkout/preview/",
        {"action": "place_order", "early_delivery": "on", "waiver": "on"},
    )
    thank_you = follow_checkout(client, placed)
    assert thank_you.status_code == 200
    assert thank_you.request["PATH_INFO"] == "/shop/checkout/thank-you/"

    order = Order.objects.get(guest_email="leserin@example.org")
    assert order.total_incl_tax == Decimal("3.99")
    assert order.total_excl_tax == Decimal("3.73")
    assert order.shipping_incl_tax == Decimal("0.00")
    assert order.lines.get().title == pdf.title
    assert order.status == Order.PAID
