"""Cached answers to two questions Wagtail asks on every page request.

Which site (and root page) serves this host, and does any page view restriction
exist at all? Both change only when sites, pages or restrictions change, which clears
the entries (home/signals.py); cached, a page request needs two queries fewer than
Wagtail's own routing plus two fewer for restrictions on a site that has none.
"""

from django.core.cache import cache
from django.http import HttpRequest
from wagtail.models import PageViewRestriction, Site

SITES_KEY = "routing:sites"
RESTRICTIONS_KEY = "routing:restrictions-exist"


def site_for_request(request: HttpRequest) -> Site | None:
    host = request.get_host()
    sites = cache.get(SITES_KEY) or {}
    if host in sites:
        return sites[host]
    site = Site.find_for_request(request)
    if site is not None:
        # Route from the specific root page without fetching it on every request.
        site.root_page = site.root_page.specific
    sites[host] = site
    cache.set(SITES_KEY, sites, 3600)
    return site


def view_restrictions_exist() -> bool:
    exists = cache.get(RESTRICTIONS_KEY)
    if exists is None:
        exists = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, exists, 3600)
    return exists


def expire() -> None:
    cache.delete_many([SITES_KEY, RESTRICTIONS_KEY])


def only_public(pages):
    """`pages.public()`, which reads every view restriction, only where any exist."""
    return pages.public() if view_restrictions_exist() else pages
