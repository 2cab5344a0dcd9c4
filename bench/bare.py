"""The bare Django view every figure is compared with: a single-file app with no
middleware and no installed apps, returning a fixed page of about 600 bytes.

Served by the same gunicorn settings as the project (`bench/run.py`), so the ratio
"page / bare" cancels out the machine, gunicorn and the load generator.
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE = (
    "<!DOCTYPE html><html lang=de><head><meta charset=utf-8>"
    "<title>Bare Django view</title></head><body><main>"
    "<h1>Ein fester Text</h1>"
    + "<p>Dieser Absatz ist nur da, damit die Antwort etwa so groß ist wie eine kleine "
    "Seite: kein Template, keine Datenbank, keine Middleware.</p>"
    * 3
    + "</main></body></html>"
).encode()


def bare(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", bare)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bare-benchmark-view-only",  # noqa: S106
        ALLOWED_HOSTS=["*"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )
    django.setup()

application = get_wsgi_application()
