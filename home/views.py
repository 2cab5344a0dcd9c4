"""Views of the site chrome: the language switch and the error pages."""

from django.conf import settings
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
)
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme


def local_path(target: str | None) -> str:
    """`target` if it is a path on this site ("/magazin/?page=2"), else "/".

    Only local paths are followed: a bare word would be taken for a URL name by
    `redirect()`, and a scheme or host could lead off the site."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(char) < 32 for char in target)
        or not url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    ):
        return "/"
    return target


def language_switch(request: HttpRequest, code: str) -> HttpResponse:
    """Remember the reader's UI language in a cookie and go back. A plain link, not
    Django's POST-only `set_language`: cached pages carry no CSRF token."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    response = HttpResponseRedirect(local_path(request.GET.get("next")))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "400.html", status=400)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page renders without a request context: whatever failed (often the
    database) must not be needed to say sorry."""
    return HttpResponseServerError(loader.get_template("500.html").render())
