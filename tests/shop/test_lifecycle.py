"""The order lifecycle called directly (`shop/lifecycle.py`): each change acts once,
in the states it fits, and runs the apps' handlers in their declared order. The
journeys through the checkout, the dashboard and Stripe are in the other tests."""

import pytest
from django.core import mail
from oscar.core.loading import get_model
from wagtail import hooks

from core import hooks as names
from shop import lifecycle
from tests.flows.checkout import ADDRESS, guest_buys

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_book_order(client, ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.book, method="prepayment", address=ADDRESS)
    return Order.objects.get(guest_email="leser@test.example")


@pytest.fixture
def handler_calls():
    """Which lifecycle hooks ran, with the order they got: a recorder registered
    between delivery's handler (10) and courses' (20)."""
    calls = []

    def recorder(hook_name):
        def record(*, order, **kwargs):
            calls.append((hook_name, order.number))

        return record

    with hooks.register_temporarily(
        [
            (hook_name, recorder(hook_name))
            for hook_name in (
                names.ORDER_PAID,
                names.ORDER_CANCELLED,
                names.ORDER_REFUNDED,
            )
        ],
        order=15,
    ):
        yield calls


def test_paid_records_invoices_mails_and_runs_handlers_once(
    waiting_book_order, handler_calls, django_capture_on_commit_callbacks
):
    number = waiting_book_order.number
    with django_capture_on_commit_callbacks(execute=True):
        assert lifecycle.order_paid(
            order_number=number, method="prepayment", reference="Konto"
        )
        assert not lifecycle.order_paid(
            order_number=number, method="prepayment", reference="Konto"
        )
    order = Order.objects.get(number=number)
    assert order.status == Order.PAID
    assert Source.objects.filter(order=order).count() == 1
    assert order.invoice.number
    assert [m.subject for m in mail.outbox].count(
        f"Zahlung für Ihre Bestellung {number} erhalten"
    ) == 1
    assert handler_calls == [(names.ORDER_PAID, number)]


def test_cancelled_gives_back_the_copy_and_runs_handlers(
    waiting_book_order, ids, handler_calls
):
    held = StockRecord.objects.get(product_id=ids.book).num_allocated
    assert lifecycle.order_cancelled(order_number=waiting_book_order.number)
    assert StockRecord.objects.get(product_id=ids.book).num_allocated == held - 1
    assert Order.objects.get(pk=waiting_book_order.pk).status == Order.CANCELLED
    assert handler_calls == [(names.ORDER_CANCELLED, waiting_book_order.number)]
    # A paid order is not cancelled.
    assert lifecycle.order_paid(
        order_number=waiting_book_order.number, method="prepayment"
    )
    assert not lifecycle.order_cancelled(order_number=waiting_book_order.number)


def test_a_late_transfer_pays_a_cancelled_order_and_holds_the_copy_again(
    waiting_book_order, ids
):
    lifecycle.order_cancelled(order_number=waiting_book_order.number)
    held = StockRecord.objects.get(product_id=ids.book).num_allocated
    assert lifecycle.order_paid(
        order_number=waiting_book_order.number, method="prepayment"
    )
    assert StockRecord.objects.get(product_id=ids.book).num_allocated == held + 1


def test_refunded_only_after_payment_and_runs_handlers(
    waiting_book_order, handler_calls
):
    number = waiting_book_order.number
    assert not lifecycle.order_refunded(order_number=number)  # nothing paid yet
    lifecycle.order_paid(order_number=number, method="prepayment")
    assert lifecycle.order_refunded(order_number=number)
    assert Order.objects.get(number=number).status == Order.REFUNDED
    assert handler_calls == [
        (names.ORDER_PAID, number),
        (names.ORDER_REFUNDED, number),
    ]


def test_shipped_takes_the_copy_from_stock_once(waiting_book_order, ids):
    number = waiting_book_order.number
    assert not lifecycle.order_shipped(order_number=number)  # not paid
    lifecycle.order_paid(order_number=number, method="prepayment")
    before = StockRecord.objects.get(product_id=ids.book)
    assert lifecycle.order_shipped(order_number=number)
    assert not lifecycle.order_shipped(order_number=number)
    after = StockRecord.objects.get(product_id=ids.book)
    assert after.num_in_stock == before.num_in_stock - 1


def test_an_unknown_order_changes_nothing():
    assert not lifecycle.order_paid(order_number="999999", method="test")
    assert not lifecycle.order_cancelled(order_number="999999")
    assert not lifecycle.order_refunded(order_number="999999")
