"""Middleware that answers anonymous readers from the page cache (`pagecache.store`)
and hands Wagtail the site kept per process (`pagecache.routing`)."""

from collections.abc import Callable

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

from core.cached_forms import issued_fill

from . import store as pagecache
from .routing import site_for_request


class PageCacheMiddleware:
    """Sits above the session, auth and basket middleware, so a hit needs none of
    them and no database; a miss goes through, and a cacheable Wagtail page is kept
    on the way back out. A hit answers as the miss did: same host check, same
    headers (X-Frame-Options and the rest come from the stored response)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self._answer(request)
        # Forms that must know when they were served get this response's time,
        # also in a page that comes from the cache (`core.cached_forms`).
        issued_fill(response)
        return response

    def _answer(self, request: HttpRequest) -> HttpResponse:
        if not pagecache.enabled() or not pagecache.request_is_cacheable(request):
            return self.get_response(request)
        # The host check a miss gets from CommonMiddleware below: an unknown Host
        # raises DisallowedHost (400) before any stored page is handed out.
        request.get_host()
        cached = pagecache.response_lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        pagecache.response_store(request, response)
        return response


class CachedSiteMiddleware:
    """Hands Wagtail the site for this host from the cache (`pagecache.routing`), so
    `Site.find_for_request` and the root page cost no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            request._wagtail_site = site_for_request(request)
        except DisallowedHost:
            pass  # CommonMiddleware answers it with a 400.
        return self.get_response(request)
