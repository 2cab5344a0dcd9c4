"""The consent ledger in the Wagtail admin: a person's entries, and their export as
CSV or JSON for a request or an authority."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify

from . import exports, selectors

PERMISSION = "consent.view_consentrecord"


def ledger(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    email = request.GET.get("email", "").strip()[:254]
    records = list(selectors.consent_records_of(email)) if email else []
    export = request.GET.get("format")
    if email and export in ("csv", "json"):
        stem = f"einwilligungen-{slugify(email)}-{timezone.localdate():%Y%m%d}"
        if export == "csv":
            response = HttpResponse(
                exports.as_csv(records), content_type="text/csv; charset=utf-8"
            )
        else:
            response = HttpResponse(
                exports.as_json(records), content_type="application/json"
            )
        response["Content-Disposition"] = f'attachment; filename="{stem}.{export}"'
        return response
    return render(
        request, "consent/admin/ledger.html", {"email": email, "records": records}
    )
