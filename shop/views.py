"""The shop's own pages beside Oscar's: an order's invoice as PDF."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from shop import invoices
from shop.models import Invoice

Order = get_model("order", "Order")


def invoice_download(request: HttpRequest, number: str) -> HttpResponse:
    """The invoice of an order, for its buyer: the signed-in owner, or a guest
    holding the order's verification hash (the link in the confirmation mail)."""
    order = get_object_or_404(Order, number=number)
    owner = request.user.is_authenticated and order.user_id == request.user.pk
    guest = order.check_verification_hash(request.GET.get("hash", ""))
    if not (owner or guest or request.user.is_staff):
        raise Http404
    invoice = Invoice.objects.filter(order=order).first()
    if invoice is None:
        raise Http404
    response = HttpResponse(invoices.invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice.label}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
