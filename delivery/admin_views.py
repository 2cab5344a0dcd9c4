"""Staff pages of delivery: tracing a found copy (Wagtail admin), and a fresh
download allowance given from an order in the shop dashboard."""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import TraceForm
from .models import Delivery, Grant

PERMISSION = "delivery.view_delivery"
RENEW_PERMISSION = "delivery.add_renewal"


@require_POST
def grant_renew(request: HttpRequest, grant_id: int) -> HttpResponse:
    """The dashboard's "Neues Download-Kontingent" button on an order."""
    if not request.user.has_perm(RENEW_PERMISSION):
        raise PermissionDenied
    grant = get_object_or_404(Grant.objects.select_related("line__order"), pk=grant_id)
    order = grant.line.order
    try:
        renewal = services.grant_renew(grant=grant, by=request.user)
    except services.RenewalRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "“%(title)s” can be downloaded %(count)s more times, until "
                "%(date)s. The customer's links work again; nothing is mailed."
            )
            % {
                "title": grant.line.title,
                "count": renewal.downloads_added,
                "date": formats.date_format(
                    timezone.localtime(renewal.expires_at), "DATE_FORMAT"
                ),
            },
        )
    return redirect("dashboard:order-detail", number=order.number)


def trace(request: HttpRequest) -> HttpResponse:
    """Which order a found file was delivered to, by its SHA-256."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = TraceForm(request.POST or None, request.FILES or None)
    found = None
    digest = ""
    if request.method == "POST" and form.is_valid():
        sha = hashlib.sha256()
        for chunk in form.cleaned_data["file"].chunks():
            sha.update(chunk)
        digest = sha.hexdigest()
        found = (
            Delivery.objects.select_related("grant__line__order")
            .filter(sha256=digest)
            .first()
        )
    return render(
        request,
        "delivery/admin/trace.html",
        {"form": form, "found": found, "digest": digest, "searched": bool(digest)},
    )
