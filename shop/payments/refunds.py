"""Money back to the reader, by the means they paid with (§ 357(3) BGB).

Stripe payments are refunded through Stripe's API; a bank transfer (prepayment) or
the demo's test payment has no API to call, so the shop manager transfers the
amount and records it."""

from decimal import Decimal

from oscar.core.loading import get_model

from . import stripe_gateway

Source = get_model("payment", "Source")


def refund_by_api(order) -> bool:
    """Whether the order's payment can be refunded by the shop itself."""
    return order.payment_method == "stripe"


def payment_refund(order, *, amount: Decimal, key: str) -> str:
    """Refund `amount` of the order's Stripe payment; Stripe's refund id. `key`
    identifies the refund, so a retry never pays twice. Raises
    `stripe.StripeError` on failure and `ValueError` for an order that was not
    paid through Stripe."""
    if not refund_by_api(order):
        raise ValueError(f"Order {order.number} was not paid through Stripe")
    source = Source.objects.filter(order=order).exclude(reference="").first()
    if source is None:
        raise ValueError(f"Order {order.number} has no Stripe payment recorded")
    return stripe_gateway.refund_create(
        payment_intent=source.reference, amount=amount, key=key
    )
