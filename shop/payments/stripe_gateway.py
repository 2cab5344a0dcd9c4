"""Stripe Checkout through the official `stripe` library: a hosted payment page per
order, and the webhook events that settle it.

The order number travels as `client_reference_id`; the amount is the order's gross
total in cents. `STRIPE_API_BASE` points the client elsewhere than api.stripe.com
(the tests run a local server that answers like Stripe's API).
"""

import logging
from decimal import Decimal

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from shop import lifecycle
from shop.models import StripeEvent

logger = logging.getLogger("shop.payments")

PAID_EVENTS = {
    "checkout.session.completed",
    "checkout.session.async_payment_succeeded",
}
FAILED_EVENTS = {"checkout.session.expired", "checkout.session.async_payment_failed"}
REFUND_EVENTS = {"charge.refunded"}


class WebhookRejected(Exception):
    """A webhook body that is not a genuine, readable Stripe event."""


def client() -> stripe.StripeClient:
    options = {"max_network_retries": 1}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **options)


def cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def refund_create(*, payment_intent: str, amount: Decimal, key: str) -> str:
    """Give `amount` of a payment back to the card or account it came from; the id
    of Stripe's refund. `key` makes a retried call refund once (Stripe's
    idempotency key). Raises `stripe.StripeError` when Stripe refuses or cannot
    be reached."""
    refund = client().v1.refunds.create(
        params={
            "payment_intent": payment_intent,
            "amount": cents(amount),
            "reason": "requested_by_customer",
        },
        options={"idempotency_key": key},
    )
    return refund.id


def checkout_session_create(order, *, success_url: str, cancel_url: str):
    """A hosted payment page for the whole order, in the reader's language."""
    return client().v1.checkout.sessions.create(
        params={
            "mode": "payment",
            "client_reference_id": order.number,
            "customer_email": order.email,
            "locale": "de" if (get_language() or "de").startswith("de") else "en",
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": order.currency.lower(),
                        "unit_amount": cents(order.total_incl_tax),
                        "product_data": {
                            "name": _("Order %(number)s") % {"number": order.number}
                        },
                    },
                }
            ],
            "metadata": {"order_number": order.number},
            # The charge carries the order number too, for its refund event.
            "payment_intent_data": {"metadata": {"order_number": order.number}},
            "success_url": success_url,
            "cancel_url": cancel_url,
        },
        options={"idempotency_key": f"order-{order.number}"},
    )


def checkout_session_expire(session_id: str) -> None:
    """Close an abandoned payment page, so it cannot be paid after the order is
    cancelled. A session Stripe already closed is no error."""
    try:
        client().v1.checkout.sessions.expire(session_id)
    except stripe.StripeError as error:
        logger.info("Stripe session %s not expired: %s", session_id, error)


def checkout_session_settle(session_id: str) -> bool:
    """On the reader's return: ask Stripe for the session and pay the order if it
    says paid. The webhook does the same; whichever comes first pays."""
    session = client().v1.checkout.sessions.retrieve(session_id)
    return _settle_session(session.to_dict())


def _settle_session(session: dict) -> bool:
    number = session.get("client_reference_id") or ""
    if session.get("payment_status") != "paid":
        return False
    if not _amount_matches(number, session):
        return False
    return lifecycle.order_paid(
        order_number=number,
        method="stripe",
        reference=session.get("payment_intent") or session.get("id", ""),
    )


def _amount_matches(number: str, session: dict) -> bool:
    from oscar.core.loading import get_model

    order = get_model("order", "Order").objects.filter(number=number).first()
    if order is None:
        logger.error(
            "Stripe session %s names unknown order %s", session.get("id"), number
        )
        return False
    paid = session.get("amount_total")
    currency = (session.get("currency") or "").upper()
    if paid != cents(order.total_incl_tax) or currency != order.currency:
        logger.error(
            "Stripe session %s paid %s %s for order %s of %s %s: not settled",
            session.get("id"),
            paid,
            currency,
            number,
            order.total_incl_tax,
            order.currency,
        )
        return False
    return True


def _refunded_order_number(charge: dict) -> str:
    """The order a fully refunded charge paid: by its payment intent (recorded as the
    payment's reference), else by the order number in its metadata."""
    from oscar.core.loading import get_model

    intent = charge.get("payment_intent") or ""
    if intent:
        source = (
            get_model("payment", "Source")
            .objects.filter(reference=intent)
            .select_related("order")
            .first()
        )
        if source is not None:
            return source.order.number
    return (charge.get("metadata") or {}).get("order_number", "")


def webhook_handle(payload: bytes, signature: str) -> str:
    """Verify and apply one webhook delivery; returns what was done.

    Each event id is handled once (`StripeEvent`), in the same transaction as its
    effect: a replay is a no-op, and a failure rolls both back so Stripe retries.
    Events may arrive out of order: paying is allowed from "cancelled" (the money is
    in), cancelling only from a waiting status, so a late "expired" never undoes a
    payment.
    """
    try:
        event = stripe.Webhook.construct_event(
            payload, signature, settings.STRIPE_WEBHOOK_SECRET
        )
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise WebhookRejected(str(error)) from error
    session = event.data.object.to_dict()
    number = session.get("client_reference_id") or ""
    try:
        with transaction.atomic():
            StripeEvent.objects.create(
                event_id=event.id, event_type=event.type, order_number=number
            )
            if event.type in PAID_EVENTS:
                return "paid" if _settle_session(session) else "unchanged"
            if event.type in FAILED_EVENTS:
                return (
                    "cancelled"
                    if lifecycle.order_cancelled(order_number=number)
                    else "unchanged"
                )
            if event.type in REFUND_EVENTS and session.get("refunded"):
                number = _refunded_order_number(session)
                return (
                    "refunded"
                    if lifecycle.order_refunded(order_number=number)
                    else "unchanged"
                )
            return "ignored"
    except IntegrityError:
        return "duplicate"
