"""The shop's own pages beside Oscar's: an order's invoice as PDF, and adding to
the basket from a cached page."""

from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from core import cached_forms
from shop import invoices
from shop.customer import registration
from shop.models import Invoice

Order = get_model("order", "Order")
Product = get_model("catalogue", "Product")
BasketAddView = get_class("basket.views", "BasketAddView")


def _buyers_invoice(request: HttpRequest, number: str) -> Invoice:
    """The invoice of an order, for its buyer: the signed-in owner, or a guest
    holding the order's verification hash (the link in the confirmation mail)."""
    order = get_object_or_404(Order, number=number)
    owner = request.user.is_authenticated and order.user_id == request.user.pk
    guest = order.check_verification_hash(request.GET.get("hash", ""))
    if not (owner or guest or request.user.is_staff):
        raise Http404
    invoice = Invoice.objects.select_related("order").filter(order=order).first()
    if invoice is None:
        raise Http404
    return invoice


def invoice_download(request: HttpRequest, number: str) -> HttpResponse:
    """The invoice as a hybrid e-invoice (PDF/A-3 with its Factur-X XML)."""
    invoice = _buyers_invoice(request, number)
    response = HttpResponse(
        invoices.invoice_pdf(invoice), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{invoice.label}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


def invoice_xrechnung(request: HttpRequest, number: str) -> HttpResponse:
    """The invoice as XRechnung (CII), for business buyers who gave a VAT ID."""
    invoice = _buyers_invoice(request, number)
    if not invoice.order.buyer_vat_id:
        raise Http404
    response = HttpResponse(
        invoices.invoice_xrechnung(invoice), content_type="application/xml"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{invoice.label}-xrechnung.xml"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@csrf_exempt
@require_POST
def basket_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a product to the visitor's own basket from a cached page, without a
    CSRF token: the origin and a signed stamp are checked instead
    (core/cached_forms.py); then Oscar's own basket view does the rest."""
    product = get_object_or_404(Product, pk=pk)
    try:
        cached_forms.stamp_check(request, "basket-add", product.pk)
    except cached_forms.Refused:
        messages.error(
            request,
            _(
                "The form had expired or did not come from our site. Please try "
                "again; nothing has been added to your basket."
            ),
        )
        return redirect(product.get_absolute_url())
    return BasketAddView.as_view()(request, pk=pk)


def account_activate(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the registration mail: activates the account once and signs
    the reader in. A used link says the account is active and asks for a login;
    an invalid one says how to get a fresh link."""
    user, valid = registration.activation_user(token)
    if user is not None and valid and registration.never_activated(user):
        registration.account_activate(user=user)
        login(request, user, backend="accounts.backends.EmailBackend")
        messages.success(request, _("Your customer account is active. Welcome!"))
        return redirect("customer:summary")
    if user is not None and user.is_active:
        messages.info(
            request,
            _("Your customer account is already active. Please log in."),
        )
        return redirect("customer:login")
    messages.error(
        request,
        _(
            "This activation link is invalid or has expired. Register again with "
            "the same address, or ask for a new password: either sends you a "
            "fresh link."
        ),
    )
    return redirect("customer:register")
