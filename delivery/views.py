"""The buyer's side of delivery: a download by signed link, "Meine Downloads", and
the links sent again to a guest."""

import io
import mimetypes

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.http import client_ip
from core.ratelimit import within_limit
from publisher.selectors import seller_data

from . import links, services
from .mails import links_resend
from .models import Grant


def download(request: HttpRequest, signed: str) -> HttpResponse:
    grant = links.grant_from_signed(signed)
    if grant is None:
        return _unavailable(request, None, "unknown", status=404)
    if grant.revoked_at is not None:
        return _unavailable(request, grant, "revoked")
    if grant.edition is not None and not services.edition_file_present(grant.edition):
        services.edition_render_again(grant.edition)
    if not grant.is_ready:
        # The render runs in the background: this page asks again by itself.
        response = render(
            request, "delivery/preparing.html", {"grant": grant}, status=202
        )
        response["Refresh"] = "5"
        return response
    if request.method == "HEAD":
        # A HEAD (link checkers, mail scanners, download managers probing) learns
        # what the file is and uses up nothing.
        if not grant.is_open:
            return HttpResponse(status=410)
        response = HttpResponse(content_type=_content_type(grant))
        response["Content-Disposition"] = f'attachment; filename="{_filename(grant)}"'
        response["Cache-Control"] = "private, no-store"
        return response
    if not services.download_take(grant):
        grant.refresh_from_db(fields=["downloads_used", "max_downloads"])
        reason = "used" if grant.downloads_left == 0 else "expired"
        return _unavailable(request, grant, reason)
    copy = services.copy_deliver(grant)
    filename, content_type = _filename(grant), _content_type(grant)
    if settings.DOWNLOAD_X_ACCEL_PREFIX:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = (
            settings.DOWNLOAD_X_ACCEL_PREFIX.rstrip("/") + "/" + copy.file.name
        )
    else:
        response = FileResponse(io.BytesIO(copy.data), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _unavailable(request, grant: Grant | None, reason: str, status: int = 410):
    """Why a download ends, the order it belongs to, and whom to ask for more (the
    publisher's address from Settings → Publisher)."""
    return render(
        request,
        "delivery/unavailable.html",
        {"reason": reason, "grant": grant, "contact": seller_data()},
        status=status,
    )


def _filename(grant: Grant) -> str:
    stem = slugify(grant.line.title)[:80] or "download"
    return f"{stem}-{grant.line.order.number}.{grant.filename_suffix}"


def _content_type(grant: Grant) -> str:
    return mimetypes.guess_type(_filename(grant))[0] or "application/octet-stream"


@login_required
def my_downloads(request: HttpRequest) -> HttpResponse:
    grants = (
        Grant.objects.select_related("edition", "ebook", "line__order")
        .filter(line__order__user=request.user)
        .order_by("-created_at")
    )
    items = [{"grant": grant, "path": links.grant_path(grant)} for grant in grants]
    return render(
        request,
        "delivery/my_downloads.html",
        {"items": items, "active_tab": "downloads", "page_title": _("My downloads")},
    )


# "Links erneut zusenden" sends a mail to an order's address: limited like the
# newsletter's sign-up, so the form cannot be used to flood a mailbox.
LINKS_PER_IP_HOUR = 10
LINKS_PER_ADDRESS_HOUR = 3


class ResendForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address of the order"), max_length=254
    )
    number = forms.CharField(label=gettext_lazy("Order number"), max_length=128)


def links_request(request: HttpRequest) -> HttpResponse:
    """A guest asks for the links again; the answer is the same whether or not such
    an order exists (the mail goes only to the order's own address)."""
    form = ResendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"].strip().lower()
        if not (
            within_limit(f"links-again:ip:{client_ip(request)}", LINKS_PER_IP_HOUR)
            and within_limit(f"links-again:to:{address}", LINKS_PER_ADDRESS_HOUR)
        ):
            form.add_error(
                None,
                _(
                    "The links have been asked for too often in the last hour. "
                    "Please try again later, or use the links in the mails you "
                    "already have."
                ),
            )
            return render(
                request, "delivery/links_request.html", {"form": form}, status=429
            )
        links_resend(
            email=form.cleaned_data["email"], number=form.cleaned_data["number"]
        )
        messages.info(
            request,
            _(
                "If an order with this number was placed with this address, we have "
                "just sent its download links there."
            ),
        )
        return redirect("delivery:links-request")
    return render(request, "delivery/links_request.html", {"form": form})
