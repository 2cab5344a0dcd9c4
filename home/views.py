"""Views that belong to no single app: the site search, the language switch and the
error pages."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

from .selectors import SearchKind, clean_query, site_search


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    kind = request.GET.get("type", "")
    kind = kind if kind in SearchKind.values else ""
    results = site_search(query, kind=kind, request=request)
    return render(
        request,
        "home/search_results.html",
        {"query": query, "results": results, "kinds": SearchKind.choices},
    )


def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the reader's UI language in a cookie and go back. A plain link, not
    Django's POST-only `set_language`: cached pages carry no CSRF token."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page renders without a request context: whatever failed (often the
    database) must not be needed to say sorry."""
    return HttpResponseServerError(loader.get_template("500.html").render())
