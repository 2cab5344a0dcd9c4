"""WordPress's query-string addresses (`/?p=123`, `/?page_id=7`,
`/?attachment_id=9`): the front page exists, so Wagtail's redirect middleware,
which acts on a 404, never sees them. This one answers them from the imported
redirects before the page cache serves the front page, in one indexed query, and
only when such a parameter is present."""

from django.http import HttpResponsePermanentRedirect
from wagtail.contrib.redirects.models import Redirect

PARAMETERS = ("p", "page_id", "attachment_id")


class OldQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path == "/":
            for name in PARAMETERS:
                value = request.GET.get(name, "")
                if value.isdigit():
                    redirect = (
                        Redirect.objects.filter(
                            old_path=Redirect.normalise_path(f"/?{name}={value}"),
                            site=None,
                        )
                        .select_related("redirect_page")
                        .first()
                    )
                    if redirect is not None and redirect.link:
                        return HttpResponsePermanentRedirect(redirect.link)
        return self.get_response(request)
