"""Writes that keep site-wide state consistent: the two site tables and the
versions of legal pages."""

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.utils.html import strip_tags
from wagtail.models import Revision
from wagtail.models import Site as WagtailSite

from consent.models import PolicyVersion
from consent.services import policy_version_record

from .models import StandardPage


def django_site_sync(*, wagtail_site: WagtailSite) -> DjangoSite | None:
    """Copy the default Wagtail site's host and name onto Django's `Site`.

    Two site tables exist; django-newsletter (and Oscar's mails) build absolute links
    from Django's, which would otherwise say example.com. The Wagtail site is the one
    editors change, so it leads.
    """
    if not wagtail_site.is_default_site:
        return None
    port = wagtail_site.port
    domain = wagtail_site.hostname
    if port not in (80, 443):
        domain = f"{domain}:{port}"
    site, _created = DjangoSite.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={
            "domain": domain,
            "name": wagtail_site.site_name or settings.SITE_NAME,
        },
    )
    DjangoSite.objects.clear_cache()
    return site


def legal_page_version_record(
    *, page: StandardPage, revision: Revision
) -> PolicyVersion | None:
    """Record a published revision of a legal page with the text readers saw."""
    return policy_version_record(
        page=page, revision=revision, role=page.role, text=page_plain_text(page)
    )


def page_plain_text(page: StandardPage) -> str:
    """The page's words as plain text, block by block, for the version record."""
    parts = [page.intro] if page.intro else []
    for block in page.body:
        parts.append(" ".join(strip_tags(str(block.render())).split()))
    return "\n\n".join(part for part in parts if part)
