"""Admin views for GDPR requests: export a person's data as JSON, erase it after a
confirmation step. Each action leaves an audit entry."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from . import registry, services
from .forms import EraseConfirmForm, PersonForm
from .models import PrivacyAuditEntry

PERMISSION = "privacy.manage_personal_data"
RECENT_ENTRIES = 20


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def privacy_index(request: HttpRequest) -> HttpResponse:
    """Find a person by e-mail: export their data, or go on to erase it."""
    form = PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "erase":
            return _erase_confirmation(
                request, EraseConfirmForm(initial={"email": email}), email
            )
        export = services.personal_data_export(email=email, staff=request.user)
        response = HttpResponse(
            json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = (
            f'attachment; filename="personal-data-{stamp}.json"'
        )
        return response
    return render(
        request,
        "privacy/admin/index.html",
        {
            "form": form,
            "entries": PrivacyAuditEntry.objects.select_related("staff")[
                :RECENT_ENTRIES
            ],
        },
    )


@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["POST"])
def privacy_erase(request: HttpRequest) -> HttpResponse:
    """Erase after the confirmation: the box must be ticked, or nothing happens."""
    form = EraseConfirmForm(request.POST)
    if not form.is_valid():
        return _erase_confirmation(
            request, form, request.POST.get("email", ""), status=400
        )
    entry = services.personal_data_erase(
        email=form.cleaned_data["email"], staff=request.user
    )
    messages.success(request, entry.note)
    return redirect("privacy_index")


def _erase_confirmation(
    request: HttpRequest, form: EraseConfirmForm, email: str, status: int = 200
) -> HttpResponse:
    """The confirmation step: what would be erased, by area of the site."""
    found = registry.export(email) if "@" in email else {}
    return render(
        request,
        "privacy/admin/erase_confirm.html",
        {
            "form": form,
            "email": email,
            "found_in": [
                provider.name
                for provider in registry.providers()
                if provider.label in found
            ],
        },
        status=status,
    )
