"""Bad input in the shop gets a clear message and changes nothing: an empty basket,
tampered quantities and prices, another visitor's basket, over-long fields."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.flows.checkout import (
    ADDRESS,
    WAIVER,
    add_to_basket,
    as_guest,
    choose_payment,
)

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db


def _line_form(line_pk: int, quantity) -> dict:
    return {
        "form-TOTAL_FORMS": 1,
        "form-INITIAL_FORMS": 1,
        "form-MIN_NUM_FORMS": 0,
        "form-MAX_NUM_FORMS": 1000,
        "form-0-id": line_pk,
        "form-0-quantity": quantity,
    }


def test_empty_basket_cannot_check_out(client):
    page = client.get("/shop/checkout/", follow=True)
    assert page.redirect_chain[-1][0].endswith("/shop/basket/")
    assert "Warenkorb" in page.content.decode()
    placed = client.post("/shop/checkout/preview/", {"action": "place_order", **WAIVER})
    assert placed.status_code == 302
    assert not Order.objects.exists()


@pytest.mark.parametrize("quantity", ["2", "-1", "abc", "99999999999999999999"])
def test_tampered_quantity_of_a_download_changes_nothing(client, ids, quantity):
    add_to_basket(client, ids.pdf_product)
    line = client.get("/shop/basket/").context["basket"].all_lines()[0]
    response = client.post("/shop/basket/", _line_form(line.pk, quantity))
    assert response.status_code in (200, 302)
    basket = client.get("/shop/basket/").context["basket"]
    assert [line.quantity for line in basket.all_lines()] == [1]


def test_quantity_added_directly_is_refused_for_a_download(client, ids):
    response = add_to_basket(client, ids.pdf_product, quantity=3)
    assert response.status_code == 302
    basket = client.get("/shop/basket/").context["basket"]
    assert basket.num_items == 0


def test_the_free_payment_of_covered_orders_cannot_be_chosen(
    client, ids, django_capture_on_commit_callbacks
):
    """ "Nothing to pay" marks an order paid as it is placed; the checkout uses it
    only when vouchers cover the whole amount. Posted by hand, it is refused."""
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    chosen = choose_payment(client, "nothing")
    assert chosen.status_code == 200  # the form again, with the error
    assert chosen.context["form"].errors["method"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/shop/checkout/preview/", {"action": "place_order", **WAIVER})
    orders = Order.objects.filter(guest_email="leser@test.example")
    assert not orders.filter(status__in=[Order.PAID, Order.SHIPPED]).exists()


def test_another_visitors_basket_line_is_out_of_reach(client, ids):
    other = Client()
    add_to_basket(other, ids.book)
    their_line = other.get("/shop/basket/").context["basket"].all_lines()[0]
    add_to_basket(client, ids.pdf_product)
    response = client.post("/shop/basket/", _line_form(their_line.pk, 5))
    assert response.status_code in (200, 302)
    their_basket = Basket.objects.get(pk=their_line.basket_id)
    assert [line.quantity for line in their_basket.all_lines()] == [1]


def test_another_customers_address_id_is_refused(client, ids, django_user_model):
    owner = django_user_model.objects.create_user(email="a@test.example", password="x")
    from oscar.core.loading import get_model as model

    address = model("address", "UserAddress").objects.create(
        user=owner,
        first_name="A",
        last_name="B",
        line1="Weg 1",
        line4="Köln",
        postcode="50667",
        country_id="DE",
    )
    me = django_user_model.objects.create_user(email="b@test.example", password="x")
    client.force_login(me)
    add_to_basket(client, ids.book)
    for value in (str(address.pk), "abc", ""):
        page = client.post(
            "/shop/checkout/shipping-address/",
            {"action": "ship_to", "address_id": value},
            follow=True,
        )
        assert page.status_code == 200
        assert "Bitte wählen Sie eine Ihrer Adressen" in page.content.decode()


def test_over_long_address_fields_are_form_errors(client, ids):
    add_to_basket(client, ids.book)
    as_guest(client)
    page = client.post(
        "/shop/checkout/shipping-address/",
        {**ADDRESS, "line1": "x" * 300, "postcode": "123"},
    )
    assert page.status_code == 200
    errors = page.context["form"].errors
    assert "line1" in errors and "postcode" in errors
