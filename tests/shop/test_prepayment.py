"""Prepayment by bank transfer: the order waits with the bank details, a shop
manager marks it paid in the dashboard, a reminder after N days and cancellation
after M release the copies it held."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model

from shop import lifecycle
from tests import world
from tests.flows.checkout import ADDRESS, guest_buys

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(admin_user):
    """The shop manager, in a browser of their own."""
    staff = Client()
    staff.force_login(admin_user)
    return staff


@pytest.fixture
def waiting_order(client, ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = guest_buys(client, ids.book, method="prepayment", address=ADDRESS)
    assert response.status_code == 302
    return Order.objects.get(guest_email="leser@test.example")


def test_order_waits_with_bank_details(client, waiting_order):
    assert waiting_order.status == Order.AWAITING_TRANSFER
    html = client.get("/shop/checkout/thank-you/").content.decode()
    assert "DE02120300000000202051" in html
    assert waiting_order.number in html
    message = mail.outbox[-1]
    assert message.subject == (
        f"Ihre Bestellung {waiting_order.number}: Bitte überweisen Sie den Betrag"
    )
    assert "DE02120300000000202051" in message.body
    assert "Verwendungszweck: " + waiting_order.number in message.body
    assert "28,80" in message.body
    assert not hasattr(waiting_order, "invoice") or waiting_order.invoice is None


def test_shop_manager_marks_it_paid_in_the_dashboard(
    staff_client, waiting_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            f"/shop/dashboard/orders/{waiting_order.number}/",
            {"order_action": "change_order_status", "new_status": Order.PAID},
        )
    assert response.status_code == 302
    waiting_order.refresh_from_db()
    assert waiting_order.status == Order.PAID
    assert waiting_order.invoice.number > 0
    source = waiting_order.sources.get()
    assert source.amount_debited == waiting_order.total_incl_tax
    paid_mail = mail.outbox[-1]
    assert paid_mail.subject.startswith("Zahlung für Ihre Bestellung")
    assert paid_mail.attachments[0][0].startswith("Rechnung-RE-")


def test_shipping_sends_the_parcel_mail_and_takes_the_copy_from_stock(
    staff_client, waiting_order, ids, django_capture_on_commit_callbacks
):
    before = StockRecord.objects.get(product_id=ids.book)
    lifecycle.order_paid(
        order_number=waiting_order.number, method="prepayment", reference="Konto"
    )
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            f"/shop/dashboard/orders/{waiting_order.number}/",
            {"order_action": "change_order_status", "new_status": Order.SHIPPED},
        )
    after = StockRecord.objects.get(product_id=ids.book)
    assert (after.num_in_stock, after.num_allocated) == (
        before.num_in_stock - 1,
        before.num_allocated - 1,
    )
    shipped = mail.outbox[-1]
    assert shipped.subject == f"Ihre Bestellung {waiting_order.number} ist unterwegs"
    assert "Gartenweg 3" in shipped.body and "Deutschland" in shipped.body


def test_reminder_after_n_days_and_cancellation_after_m(
    waiting_order, ids, django_capture_on_commit_callbacks
):
    placed = waiting_order.date_placed
    with django_capture_on_commit_callbacks(execute=True):
        early = lifecycle.orders_unpaid_follow_up(
            remind_after_days=7, cancel_after_days=14, now=placed + timedelta(days=6)
        )
    assert early == {"reminded": 0, "cancelled": 0}
    with django_capture_on_commit_callbacks(execute=True):
        reminded = lifecycle.orders_unpaid_follow_up(
            remind_after_days=7, cancel_after_days=14, now=placed + timedelta(days=8)
        )
        again = lifecycle.orders_unpaid_follow_up(
            remind_after_days=7, cancel_after_days=14, now=placed + timedelta(days=9)
        )
    assert reminded == {"reminded": 1, "cancelled": 0}
    assert again == {"reminded": 0, "cancelled": 0}
    assert mail.outbox[-1].subject.startswith("Erinnerung: Ihre Bestellung")
    allocated = StockRecord.objects.get(product_id=ids.book).num_allocated
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = lifecycle.orders_unpaid_follow_up(
            remind_after_days=7, cancel_after_days=14, now=placed + timedelta(days=15)
        )
    assert cancelled == {"reminded": 0, "cancelled": 1}
    waiting_order.refresh_from_db()
    assert waiting_order.status == Order.CANCELLED
    assert StockRecord.objects.get(product_id=ids.book).num_allocated == allocated - 1
    assert mail.outbox[-1].subject.endswith("wurde storniert")


def test_the_follow_up_is_a_daily_scheduled_task():
    from core import schedule

    assert "prepayment-follow-up" in schedule._jobs
    job = schedule._jobs["prepayment-follow-up"]
    result = job.task.call()
    assert result == {"reminded": 0, "cancelled": 0}


def test_mail_in_english_for_an_english_order(
    client, ids, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product, method="prepayment")
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.language == "en"
    message = mail.outbox[-1]
    assert message.subject == f"Your order {order.number}: please transfer the amount"
    assert "Account holder" in message.body
    assert world.PUBLISHER in message.from_email


def test_the_dashboard_speaks_german_as_a_german_shop_does(staff_client, waiting_order):
    html = staff_client.get(
        f"/shop/dashboard/orders/{waiting_order.number}/"
    ).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "Überweisung ausstehend" in text and "Statusänderungen" in text
    assert "04109 Leipzig" in text and "Deutschland" in text
    assert "Lena Sommer" in text  # the guest's name from the address
    for english in ("Awaiting transfer", "Status Changes", "Germany", "Leipzig, 04109"):
        assert english not in text, english
    assert text.count("Kaufdatum") == 0 and text.count("Bestellt am") == 1
    assert "logo_oscar" not in html
    listing = staff_client.get("/shop/dashboard/orders/").content.decode()
    assert "Überweisung ausstehend" in listing and "Awaiting transfer" not in listing
