"""Writes that keep site-wide state consistent."""

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from wagtail.models import Revision
from wagtail.models import Site as WagtailSite

from .models import PolicyVersion, StandardPage


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


@transaction.atomic
def policy_version_record(
    *, page: StandardPage, revision: Revision
) -> PolicyVersion | None:
    """Number a newly published revision of a legal page and keep its text.

    Pages without a legal role are not versioned. Publishing the same revision twice
    (a re-publish of an unchanged page) records nothing new.
    """
    if not page.role:
        return None
    existing = PolicyVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    last = (
        PolicyVersion.objects.select_for_update()
        .filter(page=page)
        .order_by("-number")
        .first()
    )
    version = PolicyVersion(
        page=page,
        revision=revision,
        role=page.role,
        number=(last.number + 1) if last else 1,
        title=page.title,
        text=page_plain_text(page),
        published_at=page.last_published_at or revision.created_at,
    )
    version.full_clean()
    version.save()
    return version


def page_plain_text(page: StandardPage) -> str:
    """The page's words as plain text, block by block, for the version record."""
    from django.utils.html import strip_tags

    parts = [page.intro] if page.intro else []
    for block in page.body:
        parts.append(" ".join(strip_tags(str(block.render())).split()))
    return "\n\n".join(part for part in parts if part)
