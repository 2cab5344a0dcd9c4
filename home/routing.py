"""Cached answers to two questions Wagtail asks on every page request.

Which site (and root page) serves this host, and does any page view restriction
exist at all? Both change only when sites, pages or restrictions change, which bumps
the structure token (home/signals.py, `expire`); each process keeps its answers until
then (`home.memo`), so a page request needs two queries fewer than Wagtail's own
routing plus two fewer for restrictions on a site that has none, and no cache read.
"""

from django.http import HttpRequest
from wagtail.models import PageViewRestriction, Site

from . import memo, pagecache


def site_for_request(request: HttpRequest) -> Site | None:
    return memo.structure.get(("site", request.get_host()), lambda: _find(request))


def _find(request: HttpRequest) -> Site | None:
    site = Site.find_for_request(request)
    if site is not None:
        # Route from the specific root page without fetching it on every request.
        site.root_page = site.root_page.specific
    return site


def view_restrictions_exist() -> bool:
    return memo.structure.get("restrictions", PageViewRestriction.objects.exists)


def expire() -> None:
    """The page tree, a site or a restriction changed: every process rebuilds its
    routing, site and navigation answers (within `pagecache.GENERATION_REFRESH`)."""
    pagecache.structure_expire()


def only_public(pages):
    """`pages.public()`, which reads every view restriction, only where any exist."""
    return pages.public() if view_restrictions_exist() else pages
