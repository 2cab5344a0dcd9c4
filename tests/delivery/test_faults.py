"""Delivery under probes and strangers: a HEAD uses no download, the links cannot
be asked for again without end, and an e-book without its file is not sold."""

import re

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model

from delivery.models import EbookFile, Grant
from delivery.views import LINKS_PER_ADDRESS_HOUR, LINKS_PER_IP_HOUR
from tests.flows.checkout import add_to_basket, guest_buys

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")

pytestmark = pytest.mark.django_db


@pytest.fixture
def bought(client, ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    return Order.objects.get(guest_email="leser@test.example")


def _link(client) -> str:
    html = client.get("/shop/checkout/thank-you/").content.decode()
    return re.search(r'href="(/shop/downloads/[^"]+/)"', html).group(1)


def test_a_head_request_uses_no_download(client, bought):
    path = _link(client)
    for _ in range(7):  # more than the five downloads allowed
        response = Client().head(path)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith('attachment; filename="')
        assert response["Content-Type"] == "application/pdf"
        assert response.content == b""
    grant = Grant.objects.get(line__order=bought)
    assert grant.downloads_used == 0
    assert Client().get(path).status_code == 200
    grant.refresh_from_db()
    assert grant.downloads_used == 1


def test_links_again_is_limited_per_address(client, bought):
    mail.outbox.clear()
    data = {"email": bought.email, "number": bought.number}
    for number in range(LINKS_PER_ADDRESS_HOUR):
        response = Client().post(
            "/shop/downloads/links/", data, REMOTE_ADDR=f"198.51.100.{number}"
        )
        assert response.status_code == 302
    refused = Client().post("/shop/downloads/links/", data, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "zu oft angefordert" in html
    assert f'value="{bought.number}"' in html  # what was typed is kept
    assert len(mail.outbox) == LINKS_PER_ADDRESS_HOUR


def test_links_again_is_limited_per_network(client):
    for number in range(LINKS_PER_IP_HOUR):
        Client().post(
            "/shop/downloads/links/",
            {"email": f"leser{number}@test.example", "number": "1"},
            REMOTE_ADDR="192.0.2.44",
        )
    refused = Client().post(
        "/shop/downloads/links/",
        {"email": "noch.einer@test.example", "number": "1"},
        REMOTE_ADDR="192.0.2.44",
    )
    assert refused.status_code == 429


def test_an_ebook_without_its_file_cannot_be_bought(client, ids, admin_client):
    EbookFile.objects.filter(product_id=ids.ebook).delete()
    product = Product.objects.get(pk=ids.ebook)
    page = client.get(product.get_absolute_url()).content.decode()
    assert "kann derzeit nicht bestellt werden" in page
    assert "In den Warenkorb" not in page
    add_to_basket(client, ids.ebook)
    basket = client.get("/shop/basket/")
    assert not basket.context["basket"].all_lines()
    # Editors see why on the admin's dashboard.
    dashboard = admin_client.get("/admin/").content.decode()
    assert "E-Books, die nicht gekauft werden können" in dashboard
    assert product.title in dashboard


def test_an_ebook_with_its_file_is_delivered(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.ebook)
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.status == Order.PAID
    grant = Grant.objects.get(line__order=order)
    assert grant.ebook is not None
    assert Client().get(_link(client)).status_code == 200
