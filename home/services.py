"""Writes that keep site-wide state consistent: the two site tables, the versions of
legal pages, and the page cache after content changes."""

from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.db import transaction
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, Revision
from wagtail.models import Site as WagtailSite

from . import pagecache, routing
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


def page_cache_paths(pages: Iterable[Page]) -> set[str]:
    """Every cached path that shows these pages: each page's URL plus the sub-paths
    it serves (`get_cached_paths`, e.g. the magazine's archives)."""
    paths = set()
    for page in pages:
        url = page.specific_deferred.get_url()
        if not url:
            continue
        base = urlsplit(url).path.rstrip("/")
        for sub_path in page.specific_deferred.get_cached_paths():
            paths.add(f"{base}{sub_path}")
    return paths


def page_cache_affected_paths(pages: Iterable[Page]) -> set[str]:
    """The given pages and every page above them: listings show their children."""
    affected: dict[int, Page] = {}
    for page in pages:
        affected[page.pk] = page
        for ancestor in page.get_ancestors().filter(depth__gt=1):
            affected[ancestor.pk] = ancestor
    return page_cache_paths(affected.values())


def page_cache_purge_paths(*, paths: Iterable[str]) -> list[str]:
    """Purge paths locally and, where one is configured, in the CDN (in the
    background, so a publish never waits on a CDN's API)."""
    purged = pagecache.purge_paths(paths)
    routing.expire()  # routing and navigation are built afresh
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and purged:
        from .tasks import frontend_cache_purge

        site = WagtailSite.objects.filter(is_default_site=True).first()
        root = site.root_url if site else ""
        # Paths are text (a tag may be "gehaltsverhandlung-für-alle"); HTTP wants them
        # percent-encoded, or the CDN request fails half-way through the batch.
        frontend_cache_purge.enqueue([f"{root}{iri_to_uri(path)}" for path in purged])
    return purged


def page_cache_purge(
    *, pages: Iterable[Page], extra_paths: Iterable[str] = ()
) -> list[str]:
    """Purge the pages, the pages listing them, and any extra paths."""
    paths = page_cache_affected_paths(pages) | set(extra_paths)
    return page_cache_purge_paths(paths=paths)


def page_cache_purge_moved(*, page: Page, old_url_path: str) -> list[str]:
    """A moved page leaves its old address and its old parent's listings behind."""
    old_paths = set()
    site = (
        WagtailSite.objects.filter(is_default_site=True)
        .select_related("root_page")
        .first()
    )
    if site and old_url_path.startswith(site.root_page.url_path):
        old_paths.add("/" + old_url_path[len(site.root_page.url_path) :])
    old_parent_path = old_url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    old_parent = Page.objects.filter(url_path=old_parent_path).first()
    pages = [page] + ([old_parent] if old_parent else [])
    return page_cache_purge(pages=pages, extra_paths=old_paths)


def page_cache_purge_for_object(*, obj) -> list[str]:
    """Purge the pages that show a snippet, image or product, found through
    Wagtail's reference index (kept up to date by its background task)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = list(Page.objects.filter(pk__in=[int(pk) for pk in ids]))
    return page_cache_purge(pages=pages)


def editor_addresses() -> list[str]:
    """Who hears about licences: active superusers and Wagtail's Moderators and
    Editors groups."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__name__in=["Moderators", "Editors"]),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def licence_reminder_send() -> int:
    """Send one e-mail listing every licence that ends within 30 days. Nothing is
    sent when none does or nobody is there to read it."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    from .rights import expiring_licences, rights_registry

    entries = rights_registry(expiring_licences())
    recipients = editor_addresses()
    if not entries or not recipients:
        return 0
    site = WagtailSite.objects.filter(is_default_site=True).first()
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "home/email/licence_reminder.txt",
            {"entries": entries, "root_url": site.root_url if site else ""},
        )
        subject = render_to_string(
            "home/email/licence_reminder_subject.txt", {"count": len(entries)}
        ).strip()
    EmailMessage(subject, body, to=recipients).send()
    return len(entries)
