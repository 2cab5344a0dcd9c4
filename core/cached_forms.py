"""Forms on cached pages: a POST that needs no CSRF token in the page.

A page shared by every reader from the page cache cannot carry a CSRF token (it is
per visitor), and a form that needs one would keep the page out of the cache. For
actions that only ever touch the visitor's own state (adding a product to their own
basket) the form instead carries a signed timestamp naming its action and target,
and the endpoint is exempt from CSRF but checks:

1. the request comes from a page of this site: `Origin`, or if a browser sent none,
   `Referer`, must name this host (a forged cross-site form fails here; browsers
   send Origin with every cross-site POST);
2. the stamp is genuine (signed with SECRET_KEY), for this action and target, and
   not older than `MAX_AGE` (longer than a page stays cached).

The basket forms of the shop, the newsletter sign-up and the comment form use it.

A form that needs to know when it was *served* (the comment form's minimum time to
write) cannot take that from the cached HTML, which may be hours old. It carries
`issued_field()` instead: a marker that the page-cache middleware replaces in every
response, cached or not, with the signed time of that response (`issued_fill`).
"""

import time
from urllib.parse import urlsplit

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.safestring import SafeString

MAX_AGE = 2 * 24 * 3600
SALT = "imprint.cached-form"
ISSUED_MARKER = "imprint-issued-marker-7f3a"
ISSUED_SALT = "imprint.issued"
ISSUED_MAX_AGE = 24 * 3600


class Refused(Exception):
    """The post did not come from one of our pages, or its stamp is bad."""


def stamp(action: str, target: str | int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{action}:{target}")


def stamp_check(request: HttpRequest, action: str, target: str | int) -> None:
    _check_origin(request)
    value = request.POST.get("stamp", "")
    try:
        signed = signing.TimestampSigner(salt=SALT).unsign(value, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise Refused("expired") from error
    except signing.BadSignature as error:
        raise Refused("bad stamp") from error
    if signed != f"{action}:{target}":
        raise Refused("stamp for another form")


def _check_origin(request: HttpRequest) -> None:
    host = request.get_host()
    origin = request.META.get("HTTP_ORIGIN")
    if origin and origin != "null":
        if urlsplit(origin).netloc != host:
            raise Refused("cross-site origin")
        return
    referer = request.META.get("HTTP_REFERER")
    if not referer or urlsplit(referer).netloc != host:
        raise Refused("no same-site origin or referer")


def issued_field(value: str = "") -> SafeString:
    """The hidden field that tells when the form was served. Without a value, the
    marker the middleware fills in; with one (a form sent back for correction), the
    time it was first served, so the reader's time so far still counts."""
    return format_html(
        '<input type="hidden" name="issued" value="{}">', value or ISSUED_MARKER
    )


def issued_fill(response: HttpResponse) -> None:
    """Put the signed time of this response where a form asks for it."""
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return
    marker = ISSUED_MARKER.encode()
    if marker not in response.content:
        return
    value = signing.Signer(salt=ISSUED_SALT).sign(f"{time.time():.6f}")
    response.content = response.content.replace(marker, value.encode())
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def issued_age(request: HttpRequest) -> float | None:
    """Seconds since the posted form was served; None if the value is missing, not
    ours, or older than `ISSUED_MAX_AGE`."""
    value = request.POST.get("issued", "")
    try:
        served = float(signing.Signer(salt=ISSUED_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    age = time.time() - served
    return age if -60 <= age <= ISSUED_MAX_AGE else None


def issued_value(request: HttpRequest) -> str:
    """The posted `issued` value if it is genuine, to send back with the form."""
    return request.POST.get("issued", "") if issued_age(request) is not None else ""
