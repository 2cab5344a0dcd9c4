"""Views that belong to no single app: the site search and the error pages."""

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from .selectors import clean_query, site_search


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    results = site_search(query)
    return render(
        request, "home/search_results.html", {"query": query, "results": results}
    )


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page renders without a request context: whatever failed (often the
    database) must not be needed to say sorry."""
    return HttpResponseServerError(loader.get_template("500.html").render())
