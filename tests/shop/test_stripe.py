"""Stripe Checkout, with the real `stripe` library talking to a local server that
answers like Stripe's API, and webhooks signed with the library's own scheme."""

import pytest
from oscar.core.loading import get_model

from shop.models import Invoice
from tests.flows.checkout import add_to_basket, guest_buys

from .fake_stripe import FakeStripe

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db
SECRET = "whsec_test_secret"
WEBHOOK = "/shop/checkout/stripe/webhook/"


@pytest.fixture
def fake_stripe(settings):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_local"
        settings.STRIPE_WEBHOOK_SECRET = SECRET
        settings.STRIPE_API_BASE = fake.base
        yield fake


def _to_stripe(client, ids):
    response = guest_buys(client, ids.pdf_product, method="stripe")
    assert response.status_code == 302
    session_id = response["Location"].rsplit("/", 1)[1]
    return Order.objects.get(guest_email="leser@test.example"), session_id


def _webhook(client, fake, event, secret=SECRET):
    payload, header = fake.signed(event, secret)
    return client.post(
        WEBHOOK, payload, content_type="application/json", HTTP_STRIPE_SIGNATURE=header
    )


def test_order_waits_for_stripe_then_the_webhook_pays_it(
    client, ids, fake_stripe, django_capture_on_commit_callbacks
):
    order, session_id = _to_stripe(client, ids)
    assert order.status == Order.PENDING_PAYMENT
    session = fake_stripe.sessions[session_id]
    assert session["client_reference_id"] == order.number
    assert session["amount_total"] == 399
    assert not Invoice.objects.filter(order=order).exists()
    # Until Stripe says paid, the basket stays frozen, not submitted.
    assert order.basket.status == Basket.FROZEN

    paid = fake_stripe.pay(session_id)
    with django_capture_on_commit_callbacks(execute=True):
        response = _webhook(
            client, fake_stripe, fake_stripe.event("checkout.session.completed", paid)
        )
    assert response.json() == {"result": "paid"}
    order.refresh_from_db()
    assert order.status == Order.PAID
    assert order.sources.get().reference == paid["payment_intent"]
    assert order.basket.status == Basket.SUBMITTED
    assert Invoice.objects.filter(order=order).count() == 1


def test_replayed_and_duplicate_events_pay_once(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(session_id))
    assert _webhook(client, fake_stripe, event).json() == {"result": "paid"}
    assert _webhook(client, fake_stripe, event).json() == {"result": "duplicate"}
    # The same payment in a second event (Stripe may send both).
    again = fake_stripe.event(
        "checkout.session.async_payment_succeeded", event["data"]["object"]
    )
    assert _webhook(client, fake_stripe, again).json() == {"result": "unchanged"}
    order.refresh_from_db()
    assert order.sources.count() == 1
    assert order.payment_events.count() == 1
    assert Order.objects.filter(guest_email="leser@test.example").count() == 1


def test_late_expiry_does_not_undo_a_payment(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    paid = fake_stripe.pay(session_id)
    _webhook(client, fake_stripe, fake_stripe.event("checkout.session.completed", paid))
    expired = fake_stripe.event(
        "checkout.session.expired", {**paid, "status": "expired"}
    )
    assert _webhook(client, fake_stripe, expired).json() == {"result": "unchanged"}
    order.refresh_from_db()
    assert order.status == Order.PAID


def test_payment_after_expiry_is_still_honoured(client, ids, fake_stripe):
    """Out of order: the completion arrives after the expiry was handled."""
    order, session_id = _to_stripe(client, ids)
    session = fake_stripe.sessions[session_id]
    _webhook(
        client, fake_stripe, fake_stripe.event("checkout.session.expired", session)
    )
    order.refresh_from_db()
    assert order.status == Order.CANCELLED
    paid = fake_stripe.pay(session_id)
    _webhook(client, fake_stripe, fake_stripe.event("checkout.session.completed", paid))
    order.refresh_from_db()
    assert order.status == Order.PAID
    assert order.sources.count() == 1


def test_bad_signature_is_refused_and_changes_nothing(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    event = fake_stripe.event("checkout.session.completed", fake_stripe.pay(session_id))
    response = _webhook(client, fake_stripe, event, secret="whsec_someone_else")
    assert response.status_code == 400
    unsigned = client.post(WEBHOOK, "{}", content_type="application/json")
    assert unsigned.status_code == 400
    order.refresh_from_db()
    assert order.status == Order.PENDING_PAYMENT


def test_wrong_amount_does_not_pay(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    paid = {**fake_stripe.pay(session_id), "amount_total": 1}
    _webhook(client, fake_stripe, fake_stripe.event("checkout.session.completed", paid))
    order.refresh_from_db()
    assert order.status == Order.PENDING_PAYMENT


def test_return_from_stripe_settles_before_the_webhook(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    fake_stripe.pay(session_id)
    response = client.get(
        f"/shop/checkout/stripe/return/?session_id={session_id}", follow=True
    )
    assert "Ihre Zahlung ist eingegangen" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.PAID


def test_abandoned_payment_gives_the_basket_back(client, ids, fake_stripe):
    order, session_id = _to_stripe(client, ids)
    response = client.get(f"/shop/checkout/stripe/cancel/{order.number}/", follow=True)
    assert response.redirect_chain[-1][0].endswith("/shop/checkout/payment-method/")
    assert "kein Geld abgebucht" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.CANCELLED
    assert fake_stripe.sessions[session_id]["status"] == "expired"
    basket = client.get("/shop/basket/").context["basket"]
    assert [line.product_id for line in basket.all_lines()] == [ids.pdf_product]


def test_cancel_link_of_another_visitor_changes_nothing(client, ids, fake_stripe):
    order, _session = _to_stripe(client, ids)
    from django.test import Client

    stranger = Client()
    response = stranger.get(f"/shop/checkout/stripe/cancel/{order.number}/")
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Order.PENDING_PAYMENT


def test_stripe_unreachable_places_no_order_and_keeps_the_basket(
    client, ids, fake_stripe
):
    fake_stripe.fail_create = True
    response = guest_buys(client, ids.pdf_product, method="stripe")
    assert response.status_code == 200
    assert "kein Geld abgebucht" in response.content.decode()
    assert (
        not Order.objects.filter(guest_email="leser@test.example")
        .exclude(status=Order.CANCELLED)
        .exists()
    )
    basket = client.get("/shop/basket/").context["basket"]
    assert [line.product_id for line in basket.all_lines()] == [ids.pdf_product]


def test_basket_without_stripe_keys_does_not_offer_stripe(client, ids, settings):
    settings.STRIPE_SECRET_KEY = ""
    add_to_basket(client, ids.pdf_product)
    client.post(
        "/shop/checkout/", {"username": "x@test.example", "options": "anonymous"}
    )
    page = client.get("/shop/checkout/payment-method/")
    assert "stripe" not in [
        code for code, _label in page.context["form"].fields["method"].choices
    ]


def test_full_refund_ends_the_order_and_its_downloads(
    client, ids, fake_stripe, django_capture_on_commit_callbacks
):
    from delivery.models import Grant

    order, session_id = _to_stripe(client, ids)
    paid = fake_stripe.pay(session_id)
    with django_capture_on_commit_callbacks(execute=True):
        _webhook(
            client, fake_stripe, fake_stripe.event("checkout.session.completed", paid)
        )
    grant = Grant.objects.get(line__order=order)
    assert grant.revoked_at is None
    charge = {
        "id": "ch_test_1",
        "object": "charge",
        "payment_intent": paid["payment_intent"],
        "refunded": True,
        "metadata": {},
    }
    result = _webhook(client, fake_stripe, fake_stripe.event("charge.refunded", charge))
    assert result.json() == {"result": "refunded"}
    order.refresh_from_db()
    grant.refresh_from_db()
    assert order.status == Order.REFUNDED
    assert grant.revoked_at is not None


@pytest.mark.parametrize("secret_set", [True, False])
def test_a_rejected_webhook_reveals_nothing(client, settings, secret_set):
    settings.STRIPE_WEBHOOK_SECRET = SECRET if secret_set else ""
    response = client.post(
        WEBHOOK,
        b"{}",
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE="t=1,v1=x",
    )
    assert response.status_code == 400
    assert response.json() == {"error": "rejected"}
