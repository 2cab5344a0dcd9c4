"""The sign-up form that cached pages carry (footer, article box): a plain POST with
a signed stamp instead of a CSRF token (`core.cached_forms`), so the page stays in
the cache and the form works without JavaScript."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from core import cached_forms, text
from pagecache import memo

from .. import selectors, services
from ..views import SIGNUP

register = template.Library()


def _newsletters() -> dict:
    public = selectors.public_newsletters()
    privacy = selectors.privacy_page()
    return {
        "by_slug": {n.slug: n for n in public},
        "first": public[0] if public else None,
        "privacy_url": privacy.url if privacy else "",
    }


@register.inclusion_tag("newsletters/includes/signup_form.html")
def newsletter_signup_form(slug: str = "", form_name: str = "footer", heading=""):
    """A one-field sign-up form for the newsletter `slug` (the footer's newsletter,
    `NEWSLETTER_FOOTER`, or the first one, if empty)."""
    data = memo.fragments.get(
        ("newsletter-forms", translation.get_language()), _newsletters
    )
    newsletter = (
        data["by_slug"].get(slug or settings.NEWSLETTER_FOOTER) or data["first"]
    )
    if newsletter is None:
        return {"newsletter": None}
    return {
        "newsletter": newsletter,
        "form_name": form_name,
        "heading": heading,
        "stamp": cached_forms.stamp(SIGNUP, "any"),
        "wording": services.consent_wording([newsletter]),
        "privacy_url": data["privacy_url"],
    }


@register.filter
def privacy_linked(wording: str, url: str) -> str:
    """The consent sentence with its "privacy policy" as the link to it."""
    return text.phrase_link(wording, gettext("privacy policy"), url)
