"""A reader can buy with plain HTML forms: basket, guest checkout, order placed."""

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
    assert page.status_code == 200
    # No address or shipping method was asked for: the next step is payment, which
    # Oscar leaves to the shop issue; its page links on to the preview.
    assert page.request["PATH_INFO"] == "/shop/checkout/payment-details/"
    assert 'href="/shop/checkout/preview/"' in page.content.decode()
    assert client.get("/shop/checkout/preview/").status_code == 200

    placed = client.post("/shop/checkout/preview/", {"action": "place_order"})
    thank_you = follow_checkout(client, placed)
    assert thank_you.status_code == 200

    order = Order.objects.get(guest_email="leserin@example.org")
    assert order.total_incl_tax == Decimal("3.99")
    assert order.total_excl_tax == Decimal("3.73")
    assert order.shipping_incl_tax == Decimal("0.00")
    assert order.lines.get().title == pdf.title
