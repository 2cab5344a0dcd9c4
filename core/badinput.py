"""Refusing malformed input in one place, before any view sees it.

A NUL byte or another control character in a path, a query or a form value is
never meant: PostgreSQL refuses to store NUL in text ("A string literal cannot
contain NUL"), and other control characters break headers, logs and mails. Every
such request is answered 400 with a page that says which value was refused, instead
of a 500 wherever the value first met the database.
"""

import re

from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return (which forms may carry),
# DEL, and lone surrogates (which cannot be encoded back to UTF-8).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def bad_value(value: str) -> bool:
    return bool(CONTROL.search(value))


def refused(request: HttpRequest, reason: str) -> HttpResponse:
    """The 400 answer for input we cannot take, with the reason."""
    return render(request, "400.html", {"reason": reason}, status=400)


def _bad_field(data) -> str | None:
    for name, values in data.lists():
        if bad_value(name) or any(bad_value(value) for value in values):
            return name
    return None


class BadInputMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if bad_value(request.path):
            return refused(request, _("The address contains a control character."))
        field = _bad_field(request.GET)
        if field is None and request.method == "POST":
            if request.content_type in FORM_TYPES:
                try:
                    field = _bad_field(request.POST)
                except MultiPartParserError:
                    return refused(request, _("The form data could not be read."))
        if field is not None:
            return refused(
                request,
                _(
                    "The field “%(field)s” contains a control character (such as a "
                    "NUL byte) that no text may contain. Please check your entry."
                )
                % {"field": field[:40].encode("unicode_escape").decode("ascii")},
            )
        return self.get_response(request)
