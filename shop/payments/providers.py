"""The payment providers behind one small seam.

A provider names itself, says whether it can be offered now, the status an order
placed with it starts in, and what happens right after placement (`start`): the test
payment pays at once, prepayment mails the bank details, Stripe sends the reader to
its hosted checkout. Nothing else in the checkout knows which provider it talks to.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from publisher.selectors import seller_data
from shop import lifecycle, mails
from shop.payments import stripe_gateway

Order = get_model("order", "Order")


@dataclass(frozen=True)
class Provider:
    code: str
    label: object
    description: object
    initial_status: str
    # Stripe: the basket stays frozen until the payment is in, so an abandoned
    # payment gives the reader the same basket back.
    holds_basket_until_paid: bool = False

    def is_available(self) -> bool:
        raise NotImplementedError

    def start(self, request: HttpRequest, order) -> HttpResponse | None:
        """Right after the order is written; None shows the thank-you page."""
        raise NotImplementedError


class PaidAsPlaced(Provider):
    """A provider whose orders are paid the moment they are placed."""

    reference = ""

    def start(self, request, order):
        mails.order_mail_queue(order, mails.ORDER_PLACED)
        lifecycle.order_paid(
            order_number=order.number,
            method=self.code,
            reference=self.reference,
            basket_closed=True,
        )
        return None


class TestPayment(PaidAsPlaced):
    reference = "TEST"

    def is_available(self) -> bool:
        return settings.TEST_PAYMENT


class Prepayment(Provider):
    def is_available(self) -> bool:
        return bool(seller_data().get("iban"))

    def start(self, request, order):
        mails.order_mail_queue(order, mails.AWAITING_PAYMENT)
        return None


class StripeCheckout(Provider):
    def is_available(self) -> bool:
        return bool(settings.STRIPE_SECRET_KEY)

    def start(self, request, order):
        session = stripe_gateway.checkout_session_create(
            order,
            success_url=request.build_absolute_uri(reverse("checkout:stripe-return"))
            + "?session_id={CHECKOUT_SESSION_ID}",
            cancel_url=request.build_absolute_uri(
                reverse("checkout:stripe-cancel", args=[order.number])
            ),
        )
        request.session["stripe_session_id"] = session.id
        return HttpResponseRedirect(session.url)


class NothingToPay(PaidAsPlaced):
    """An order whose vouchers cover the whole amount: paid as placed."""

    reference = "voucher"

    def is_available(self) -> bool:
        return False  # never offered; chosen by the checkout when the total is 0


NOTHING_TO_PAY = NothingToPay(
    code="nothing",
    label=_("Nothing to pay: your vouchers cover the order"),
    description="",
    initial_status=Order.PENDING_PAYMENT,
)

PROVIDERS = [
    StripeCheckout(
        code="stripe",
        label=_("Credit card and more (Stripe)"),
        description=_(
            "You are taken to Stripe's secure payment page and come back here."
        ),
        initial_status=Order.PENDING_PAYMENT,
        holds_basket_until_paid=True,
    ),
    Prepayment(
        code="prepayment",
        label=_("Prepayment by bank transfer"),
        description=_(
            "You receive our bank details by e-mail; we deliver once the transfer "
            "has arrived."
        ),
        initial_status=Order.AWAITING_TRANSFER,
    ),
    TestPayment(
        code="test",
        label=_("Test payment (demo only, no money is moved)"),
        description=_(
            "This shop is a demonstration: the order is marked paid at once."
        ),
        initial_status=Order.PENDING_PAYMENT,
    ),
]


def available() -> list[Provider]:
    return [provider for provider in PROVIDERS if provider.is_available()]


def get(code: str | None) -> Provider | None:
    for provider in available():
        if provider.code == code:
            return provider
    return None
