"""Money and stock under real concurrency: twenty threads, each with its own
PostgreSQL connection, committing for real (tests/threads.py)."""

from decimal import Decimal

import pytest
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.shipping.methods import Free
from oscar.core.loading import get_class, get_model

from shop import lifecycle
from shop.models import Invoice, InvoiceCounter
from shop.partner.strategy import Selector
from tests import threads

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
OrderCreator = get_class("order.utils", "OrderCreator")

pytestmark = pytest.mark.django_db
BUYERS = 20


@pytest.fixture(autouse=True)
def _postgres_only():
    if not threads.available():
        pytest.skip("real concurrency is tested on PostgreSQL (SQLite has one writer)")


def _product(title: str, *, printed: bool, stock: int, price: str) -> int:
    product_class, _ = ProductClass.objects.get_or_create(
        slug="buch-nebenlaeufig" if printed else "pdf-nebenlaeufig",
        defaults={
            "name": title,
            "vat_rate": "0.07",
            "requires_shipping": printed,
            "track_stock": printed,
        },
    )
    product = Product.objects.create(
        title=title, product_class=product_class, structure=Product.STANDALONE
    )
    partner, _ = Partner.objects.get_or_create(name="Verlag")
    StockRecord.objects.create(
        product=product,
        partner=partner,
        partner_sku=f"N-{product.pk}",
        price=Decimal(price),
        num_in_stock=stock,
    )
    return product.pk


def _baskets(product_pk: int, count: int) -> list[int]:
    strategy = Selector().strategy()
    ids = []
    for _ in range(count):
        basket = Basket.objects.create()
        basket.strategy = strategy
        basket.add_product(Product.objects.get(pk=product_pk), 1)
        ids.append(basket.pk)
    return ids


def _place(basket_pk: int, status: str = Order.PENDING_PAYMENT) -> str:
    basket = Basket.objects.get(pk=basket_pk)
    basket.strategy = Selector().strategy()
    method = Free()
    charge = method.calculate(basket)
    order = OrderCreator().place_order(
        basket=basket,
        total=OrderTotalCalculator().calculate(basket, charge),
        shipping_method=method,
        shipping_charge=charge,
        order_number=str(200000 + basket.pk),
        status=status,
        guest_email=f"kauf{basket.pk}@test.example",
    )
    return order.number


def test_twenty_buyers_for_five_copies_give_exactly_five_orders():
    def setup():
        product = _product("Letzte Exemplare", printed=True, stock=5, price="24.90")
        return product, _baskets(product, BUYERS)

    product_pk, basket_pks = threads.in_copy(setup)
    outcomes = threads.run_concurrently([lambda pk=pk: _place(pk) for pk in basket_pks])
    placed = [o for o in outcomes if isinstance(o, str)]
    refused = [o for o in outcomes if isinstance(o, UnableToPlaceOrder)]
    assert len(placed) == 5, outcomes
    assert len(refused) == BUYERS - 5
    assert "ausverkauft" in str(refused[0]) or "sold out" in str(refused[0])

    def check():
        record = StockRecord.objects.get(product_id=product_pk)
        return (
            record.num_in_stock,
            record.num_allocated,
            Order.objects.filter(lines__product_id=product_pk).count(),
        )

    assert threads.in_copy(check) == (5, 5, 5)


def test_twenty_concurrent_payments_get_consecutive_invoice_numbers():
    def setup():
        product = _product("Artikel-PDF", printed=False, stock=0, price="3.99")
        numbers = [_place(pk) for pk in _baskets(product, BUYERS)]
        return numbers, InvoiceCounter.objects.get(series="RE").last_number

    numbers, before = threads.in_copy(setup)
    outcomes = threads.run_concurrently(
        [
            lambda n=n: lifecycle.order_paid(
                order_number=n, method="test", reference="parallel"
            )
            for n in numbers
        ]
    )
    assert outcomes == [True] * BUYERS

    def check():
        invoices = sorted(
            Invoice.objects.filter(order__number__in=numbers).values_list(
                "number", flat=True
            )
        )
        return invoices, InvoiceCounter.objects.get(series="RE").last_number

    invoices, after = threads.in_copy(check)
    assert invoices == list(range(before + 1, before + BUYERS + 1))
    assert after == before + BUYERS


def test_two_shop_managers_marking_a_transfer_paid_at_once_pay_it_once():
    """Two "Paid" changes in the dashboard at the same moment used to record two
    payment sources of the full amount, and the second answered 500 (its invoice
    collided). Both now go through the locked path: one pays, the other is told the
    status changed meanwhile."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    def setup():
        product = _product("Überweisung-PDF", printed=False, stock=0, price="3.99")
        (number,) = [_place(pk, Order.AWAITING_TRANSFER) for pk in _baskets(product, 1)]
        staff, _ = get_user_model().objects.get_or_create(
            email="kasse@test.example",
            defaults={"is_staff": True, "is_superuser": True},
        )
        return number, staff.pk

    number, staff_pk = threads.in_copy(setup)

    def mark_paid():
        client = Client()
        client.force_login(get_user_model().objects.get(pk=staff_pk))
        return client.post(
            f"/shop/dashboard/orders/{number}/",
            {"order_action": "change_order_status", "new_status": Order.PAID},
        ).status_code

    outcomes = threads.run_concurrently([mark_paid, mark_paid])
    assert outcomes == [302, 302]

    def check():
        order = Order.objects.get(number=number)
        return (
            order.status,
            order.sources.count(),
            Invoice.objects.filter(order=order).count(),
            order.payment_events.count(),
        )

    assert threads.in_copy(check) == (Order.PAID, 1, 1, 1)
