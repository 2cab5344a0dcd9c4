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
"""

from urllib.parse import urlsplit

from django.core import signing
from django.http import HttpRequest

MAX_AGE = 2 * 24 * 3600
SALT = "imprint.cached-form"


class Refused(Exception):
    """The post did not come from one of our pages, or its stamp is bad."""


def stamp(action: str, target: str | int) -> str:
    return signing.TimestampSigner(salt=SALT).sign(f"{action}:{target}")


def check(request: HttpRequest, action: str, target: str | int) -> None:
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
