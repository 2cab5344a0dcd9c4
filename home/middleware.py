"""Middleware that answers anonymous readers from the page cache (`home.pagecache`)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import pagecache


class PageCacheMiddleware:
    """Sits above the session, auth and basket middleware, so a hit needs none of
    them and no database; a miss goes through, and a cacheable Wagtail page is kept
    on the way back out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not pagecache.enabled() or not pagecache.request_is_cacheable(request):
            return self.get_response(request)
        cached = pagecache.lookup(request)
        if cached is not None:
            return cached
        response = self.get_response(request)
        pagecache.store(request, response)
        return response
