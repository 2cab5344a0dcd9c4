"""Staff pages of delivery in the Wagtail admin: tracing a found copy."""

import hashlib

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import TraceForm
from .models import Delivery

PERMISSION = "delivery.view_delivery"


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
