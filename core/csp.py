"""The Content-Security-Policy of each part of the site (django-csp; the site-wide
directives are `CONTENT_SECURITY_POLICY` in config/settings.py), and the
Permissions-Policy.

Public pages (articles, shop, newsletter, comments) have no inline script or style
and load everything from this site, so their policy allows scripts and styles from
'self' only; no nonce is needed, which matters because these pages are served from
the page cache to many readers (a nonce in a shared page would be no secret).

The Wagtail admin and Oscar's dashboard are not ours to rewrite: Wagtail's date
widgets and inline panels and Oscar's dashboard templates carry inline scripts,
and both set inline styles. Their policy allows inline code there (never on public
pages), still only from this site.

Forms may post to this site and to Stripe Checkout (the checkout's redirect is a
form action to Chromium); frames of the site only from itself (Wagtail's preview);
embedded videos from https.
"""

import functools

from csp.constants import HEADER, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.core.signals import setting_changed
from django.dispatch import receiver

STAFF_PREFIXES = ("/admin/", "/shop/dashboard/", "/django-admin/")


STAFF_UPDATE = {
    "script-src": [UNSAFE_INLINE],
    "style-src": [UNSAFE_INLINE],
    # Wagtail's image chooser previews uploads as blob: URLs.
    "img-src": ["blob:"],
    "frame-src": ["blob:"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the staff areas' additions, and the
    Permissions-Policy on every response."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(STAFF_PREFIXES):
            parts.update = {**(parts.update or {}), **STAFF_UPDATE}
        return parts

    def process_response(self, request, response):
        plain = getattr(request, "_csp_nonce", None) is None and not any(
            getattr(response, name, None) for name in PER_RESPONSE
        )
        if plain and HEADER not in response:
            # The common case (every public page and cache hit): the same header
            # each time, built once per process instead of once per response.
            response[HEADER] = _plain_policy(
                request.path_info.startswith(STAFF_PREFIXES)
            )
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        else:
            response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# What a view can change of its own response's policy (django-csp's decorators).
PER_RESPONSE = (
    "_csp_exempt",
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


@functools.cache
def _plain_policy(staff: bool) -> str:
    return build_policy(update=STAFF_UPDATE if staff else None)


@receiver(setting_changed)
def _policy_forget(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _plain_policy.cache_clear()
