"""The checkout: Oscar's views, extended through their seams.

Steps: gateway (guest by e-mail, or login) → address and shipping (only for printed
goods) → payment method → review, with the withdrawal waiver for downloads → order
placed in "pending payment" and handed to the provider (shop/payments/) → thank you.
Nothing is marked paid here; only the provider's confirmation does that.
"""

import logging

import stripe
from django import http
from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _
from django.views import View, generic
from django.views.decorators.csrf import csrf_exempt
from oscar.apps.checkout import signals
from oscar.apps.checkout import views as oscar_views
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.core.loading import get_class, get_model

from consent.services import source_text
from core.hooks import newsletter_opt_in
from publisher.selectors import seller_data
from shop import lifecycle, selectors, vat
from shop.checkout import waiver
from shop.checkout.forms import (
    NEWSLETTER_TEXT,
    NewsletterOptInForm,
    PaymentMethodForm,
    WithdrawalWaiverForm,
)
from shop.payments import providers, stripe_gateway

OrderPlacementMixin = get_class("checkout.mixins", "OrderPlacementMixin")
Order = get_model("order", "Order")

logger = logging.getLogger("oscar.checkout")


class IndexView(oscar_views.IndexView):
    checkout_step = "start"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["request"] = self.request
        return kwargs

    def form_valid(self, form):
        if form.is_guest_checkout():
            email = form.cleaned_data["username"]
            self.checkout_session.set_guest_email(email)
            signals.start_checkout.send_robust(
                sender=self, request=self.request, email=email
            )
        else:
            login(self.request, form.get_user())
            signals.start_checkout.send_robust(sender=self, request=self.request)
        return redirect(self.get_success_url())


class ShippingAddressView(oscar_views.ShippingAddressView):
    checkout_step = "address"

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and "address_id" in request.POST:
            # Oscar answers a foreign or malformed address id with a 500.
            address_id = request.POST["address_id"]
            if (
                not address_id.isdigit()
                or not request.user.addresses.filter(pk=address_id).exists()
            ):
                messages.error(request, _("Please choose one of your addresses."))
                return redirect("checkout:shipping-address")
        return super().post(request, *args, **kwargs)


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Shows the shipping cost even when one method applies, so the reader sees
    it before paying."""

    checkout_step = "shipping"

    def get(self, request, *args, **kwargs):
        if not request.basket.is_shipping_required():
            return super().get(request, *args, **kwargs)
        if not self.checkout_session.is_shipping_address_set():
            messages.error(request, _("Please enter a shipping address."))
            return redirect("checkout:shipping-address")
        self._methods = self.get_available_shipping_methods()
        if not self._methods:
            messages.warning(request, _("We cannot ship to this address."))
            return redirect("checkout:shipping-address")
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["methods"] = [
            {"method": method, "charge": method.calculate(self.request.basket)}
            for method in self._methods
        ]
        return ctx


class PaymentMethodView(oscar_views.PaymentMethodView, generic.FormView):
    checkout_step = "payment"
    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    success_url = reverse_lazy("checkout:preview")

    def get(self, request, *args, **kwargs):
        return generic.FormView.get(self, request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["providers"] = providers.available()
        kwargs["ask_country"] = not self.request.basket.is_shipping_required()
        buyer = self.checkout_session._get("buyer", "details") or {}
        current = self.checkout_session.payment_method()
        kwargs["initial"] = {
            **({"method": current} if current else {}),
            **{key: value for key, value in buyer.items() if value},
        }
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        self.checkout_session.pay_by(data["method"])
        self.checkout_session._set(
            "buyer",
            "details",
            {
                "country": data.get("country", ""),
                "company": data["company"].strip(),
                "vat_id": data["vat_id"],
            },
        )
        return redirect(self.get_success_url())


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """No payment details are typed in here (Stripe takes them on its own page), so
    the payment-details step goes straight to the review page, whose button places
    the order."""

    checkout_step = "preview"

    def get(self, request, *args, **kwargs):
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.preview or request.POST.get("action") != "place_order":
            return redirect("checkout:preview")
        return self.handle_place_order_submission(request)

    # --- the review page --------------------------------------------------------

    def needs_waiver(self) -> bool:
        return any(
            not line.product.is_shipping_required
            for line in self.request.basket.all_lines()
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        basket = self.request.basket
        shipping = ctx.get("shipping_charge")
        ctx["rates"] = vat.breakdown(
            vat.basket_amounts(basket), shipping.incl_tax if shipping else vat.ZERO
        )
        ctx["provider"] = self.payment_provider()
        ctx["legal"] = selectors.legal_pages()
        if self.needs_waiver():
            ctx.setdefault("waiver_form", WithdrawalWaiverForm())
        ctx.setdefault("newsletter_form", NewsletterOptInForm())
        return ctx

    def handle_place_order_submission(self, request):
        provider = self.payment_provider()
        if provider is None:
            messages.error(request, _("Please choose how you would like to pay."))
            return redirect("checkout:payment-method")
        waiver_form = None
        newsletter_form = NewsletterOptInForm(request.POST)
        newsletter_form.is_valid()
        if self.needs_waiver():
            waiver_form = WithdrawalWaiverForm(request.POST)
            if not waiver_form.is_valid():
                return self.render_preview(
                    request,
                    waiver_form=waiver_form,
                    newsletter_form=newsletter_form,
                    error=_(
                        "Please confirm both statements on downloads; without them "
                        "we cannot deliver before the withdrawal period ends."
                    ),
                )
        # Oscar copies each basket line's stored tax code onto the order line; it
        # dates from when the line was added, before the country was known.
        for line in request.basket.all_lines():
            code = line.purchase_info.price.tax_code or ""
            if (line.tax_code or "") != code:
                line.tax_code = code
                line.save(update_fields=["tax_code"])
        self._provider = provider
        self._waiver = waiver_form
        self._newsletter = newsletter_form.cleaned_data.get("newsletter", False)
        submission = self.build_submission()
        submission["order_kwargs"].update(
            status=provider.initial_status,
            payment_method=provider.code,
            language=get_language() or "",
            **self.buyer_details(submission),
        )
        return self.submit(**submission)

    def buyer_details(self, submission) -> dict:
        """The buyer's country (the shipping address's, else the one chosen),
        company and VAT ID, as the order stores them."""
        buyer = self.checkout_session._get("buyer", "details") or {}
        address = submission.get("shipping_address")
        country = (
            address.country.code
            if address is not None and getattr(address, "country_id", None)
            else buyer.get("country") or "DE"
        )
        return {
            "buyer_country": country,
            "buyer_company": buyer.get("company", ""),
            "buyer_vat_id": buyer.get("vat_id", ""),
        }

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        order = self.place_order(
            order_number=order_number,
            user=user,
            basket=basket,
            shipping_address=shipping_address,
            shipping_method=shipping_method,
            shipping_charge=shipping_charge,
            order_total=order_total,
            billing_address=billing_address,
            surcharges=surcharges,
            **kwargs,
        )
        if self._waiver is not None:
            waiver.record(self.request, order)
        if getattr(self, "_newsletter", False):
            newsletter_opt_in.send(
                sender=type(self),
                email=order.email,
                name="",
                request=self.request,
                source=source_text(
                    gettext_noop("checkout review page (order %(number)s)"),
                    number=order.number,
                ),
                text=str(NEWSLETTER_TEXT),
            )
        provider = self._provider
        if not provider.holds_basket_until_paid:
            basket.submit()
        try:
            response = provider.start(self.request, order)
        except Exception as error:  # any failure: no order may wait unpaid
            logger.exception("Order #%s: payment could not start", order_number)
            lifecycle.order_cancelled(order_number=order_number)
            raise UnableToPlaceOrder(
                _(
                    "The payment could not be started, so the order was not placed "
                    "and no money has been taken. Please try again or choose "
                    "another way to pay."
                )
            ) from error
        if response is None:
            return self.handle_successful_order(order)
        self.request.session["checkout_order_id"] = order.id
        return response

    def send_order_placed_email(self, order):
        """The providers send the shop's own mails (shop/mails.py)."""


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        order = ctx["order"]
        ctx["bank"] = selectors.bank_details(order, seller_data())
        ctx["status_path"] = selectors.order_status_path(order)
        if not order.user_id:
            # The guest's own browser opens the order's page (its link here and
            # in the mails) without asking for the address it just typed.
            self.request.session["anon_order_email"] = order.email
        # A guest opens the invoice with the order's signed hash.
        ctx["guest_hash"] = "" if order.user_id else order.verification_hash()
        ctx["downloads"] = selectors.order_downloads(order)
        ctx["downloads_pending"] = order.is_paid and any(
            not item["ready"] for item in ctx["downloads"]
        )
        ctx["checkout_steps"] = [
            {"number": 1, "title": _("Confirmation"), "state": "current", "url": ""}
        ]
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("downloads_pending"):
            # Without JavaScript: the browser asks again until the files are
            # ready. The header, not a <meta> refresh: the same for the browser,
            # and no timed refresh in the page for assistive technology to trip
            # over (axe-core's "meta-refresh"); the page links a reload too.
            response["Refresh"] = "5"
        return response


class StripeReturnView(View):
    """The reader is back from Stripe's page: settle at once if Stripe says paid
    (the webhook may come later), then show the thank-you page."""

    def get(self, request):
        session_id = request.GET.get("session_id", "")
        if not session_id or session_id != request.session.get("stripe_session_id"):
            messages.error(request, _("This payment does not belong to your visit."))
            return redirect("basket:summary")
        try:
            stripe_gateway.checkout_session_settle(session_id)
        except stripe.StripeError:  # Stripe unreachable: the webhook settles it.
            logger.warning("Stripe session %s not read on return", session_id)
        request.session.pop("stripe_session_id", None)
        return redirect("checkout:thank-you")


class StripeCancelView(OrderPlacementMixin, View):
    """The reader left Stripe's page without paying: the order is cancelled and the
    basket is given back as it was."""

    def get(self, request, number):
        order = Order.objects.filter(
            pk=request.session.get("checkout_order_id") or 0, number=number
        ).first()
        if order is None:
            messages.error(request, _("This payment does not belong to your visit."))
            return redirect("basket:summary")
        session_id = request.session.pop("stripe_session_id", "")
        if session_id:
            stripe_gateway.checkout_session_expire(session_id)
        lifecycle.order_cancelled(order_number=order.number)
        order.refresh_from_db()
        if order.status == Order.CANCELLED:
            self.restore_frozen_basket()
            messages.info(
                request,
                _(
                    "The payment was cancelled and no money has been taken. Your "
                    "basket is as it was; you can choose another way to pay."
                ),
            )
            return redirect("checkout:payment-method")
        return redirect("checkout:thank-you")


@method_decorator(csrf_exempt, name="dispatch")
class StripeWebhookView(View):
    """Stripe's server calls this; the signature, not a CSRF token, proves it."""

    def post(self, request):
        try:
            outcome = stripe_gateway.webhook_handle(
                request.body, request.META.get("HTTP_STRIPE_SIGNATURE", "")
            )
        except stripe_gateway.WebhookRejected as error:
            # The reason goes to the log; the caller learns only that it failed
            # (not whether a secret is set, nor how the signature was wrong).
            logger.warning("Stripe webhook rejected: %s", error)
            return http.JsonResponse({"error": "rejected"}, status=400)
        return http.JsonResponse({"result": outcome})
