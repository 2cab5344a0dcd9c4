"""Purges: which cached paths show a changed page, snippet, image or product, and
forgetting them here and in a CDN."""

from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import iri_to_uri
from wagtail.models import Page, ReferenceIndex

from . import routing, store
from .tasks import frontend_cache_purge

# As long as the article fragments (templates/blog/article_page.html): a purge
# forgets them sooner. Below `core.cached_forms.MAX_AGE`: a form kept in one (the
# comment form) must still be accepted when the fragment is at its oldest.
PAGE_FRAGMENT_SECONDS = 86400


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
    purged = store.purge_paths(paths)
    routing.expire()  # routing and navigation are built afresh
    if getattr(settings, "WAGTAILFRONTENDCACHE", None) and purged:
        root = routing.site_root_url()
        # Paths are text (a tag may be "gehaltsverhandlung-für-alle"); HTTP wants them
        # percent-encoded, or the CDN request fails half-way through the batch.
        frontend_cache_purge.enqueue([f"{root}{iri_to_uri(path)}" for path in purged])
    return purged


def page_cache_purge(
    *, pages: Iterable[Page], extra_paths: Iterable[str] = ()
) -> list[str]:
    """Purge the pages (with the parts kept beside them, `page_fragment`), the
    pages listing them, and any extra paths."""
    pages = list(pages)
    store.page_fragments_forget(page.pk for page in pages)
    paths = page_cache_affected_paths(pages) | set(extra_paths)
    return page_cache_purge_paths(paths=paths)


def page_fragment(*, page: Page, variant: str, build: Callable[[], Any]) -> Any:
    """A part of `page` built once until the page is purged (or a snippet, image,
    setting or release changes what fragments show): for what changes without a
    publish, such as its discussion. `variant` names what else it depends on (the
    language)."""
    return store.page_fragment(page.pk, variant, build, PAGE_FRAGMENT_SECONDS)


def page_cache_purge_moved(*, page: Page, old_url_path: str) -> list[str]:
    """A moved page leaves its old address and its old parent's listings behind."""
    old_paths = set()
    site = routing.default_site()
    if site and old_url_path.startswith(site.root_page.url_path):
        old_paths.add("/" + old_url_path[len(site.root_page.url_path) :])
    old_parent_path = old_url_path.rstrip("/").rsplit("/", 1)[0] + "/"
    old_parent = Page.objects.filter(url_path=old_parent_path).first()
    pages = [page] + ([old_parent] if old_parent else [])
    return page_cache_purge(pages=pages, extra_paths=old_paths)


def page_cache_purge_for_object(*, obj, page_ids: Iterable[int] = ()) -> list[str]:
    """Purge the pages that show a snippet, image or product, found through
    Wagtail's reference index (kept up to date by its background task), and the
    `page_ids` the object names itself (a product, the page it sells)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        ReferenceIndex.get_references_to(obj)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    wanted = {int(pk) for pk in ids} | {pk for pk in page_ids if pk}
    pages = list(Page.objects.filter(pk__in=wanted))
    return page_cache_purge(pages=pages)
