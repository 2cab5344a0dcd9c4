"""Which language the UI speaks: the site's, unless the reader chose the other one.

Django's LocaleMiddleware follows the browser's Accept-Language, which put English
menus around German articles (with `lang="en"` on a German page) for every reader
whose browser is set to English. Here the content's language leads; only the
language switch (a cookie) changes the UI.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def ui_language(request: HttpRequest) -> str:
    """The language cookie's value if it names a language of the site, else the
    site's language."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


class UILanguageMiddleware:
    """Activates `ui_language` for the request, in place of Django's
    LocaleMiddleware, and says so in Content-Language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = ui_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response
