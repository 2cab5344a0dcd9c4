"""Oscar's checkout session mixin, knowing the steps that apply to this basket and
the payment method the reader chose."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions
from oscar.apps.checkout.session import CheckoutSessionMixin as OscarMixin
from oscar.apps.shipping.methods import NoShippingRequired

from shop.payments import providers


class CheckoutSessionMixin(OscarMixin):
    #: The step this view is, for the step list (templates/oscar/checkout/nav.html).
    checkout_step = ""

    def checkout_steps(self) -> list[dict]:
        """The steps of this basket's checkout, in order: a download needs no
        address and no shipping, so those steps are not listed at all."""
        steps = []
        if self.request.basket.is_shipping_required():
            steps += [
                ("address", _("Address"), reverse("checkout:shipping-address")),
                ("shipping", _("Shipping"), reverse("checkout:shipping-method")),
            ]
        steps += [
            ("payment", _("Payment"), reverse("checkout:payment-method")),
            ("preview", _("Review and order"), reverse("checkout:preview")),
            ("done", _("Confirmation"), ""),
        ]
        current = next(
            (i for i, step in enumerate(steps) if step[0] == self.checkout_step), -1
        )
        return [
            {
                "number": i + 1,
                "code": code,
                "title": title,
                "url": url if i < current else "",
                "state": "done" if i < current else "current" if i == current else "",
            }
            for i, (code, title, url) in enumerate(steps)
        ]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["checkout_steps"] = self.checkout_steps()
        return ctx

    def check_shipping_data_is_captured(self, request):
        if not request.basket.is_shipping_required():
            # Downloads only: nothing to choose, whichever step the reader came from.
            self.checkout_session.use_shipping_method(NoShippingRequired().code)
            return
        super().check_shipping_data_is_captured(request)

    def payment_provider(self):
        if self._nothing_to_pay():
            return providers.NOTHING_TO_PAY
        return providers.get(self.checkout_session.payment_method())

    def _nothing_to_pay(self) -> bool:
        """A basket whose vouchers cover everything: there is nothing to choose.
        Worked out once per request (the checks and the page each ask)."""
        if not hasattr(self, "_nothing_to_pay_answer"):
            self._nothing_to_pay_answer = self._total_is_zero()
        return self._nothing_to_pay_answer

    def _total_is_zero(self) -> bool:
        basket = self.request.basket
        if basket.is_empty:
            return False
        address = self.get_shipping_address(basket)
        method = self.get_shipping_method(basket, address)
        if method is None:
            return False
        total = self.get_order_totals(basket, method.calculate(basket))
        return total.incl_tax == 0

    def check_payment_data_is_captured(self, request):
        if self.payment_provider() is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose how you would like to pay."),
            )
