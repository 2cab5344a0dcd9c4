"""The site search page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from core.query import clean_query

from .selectors import SearchKind, site_search


def search(request: HttpRequest) -> HttpResponse:
    query = clean_query(request.GET.get("q"))
    kind = request.GET.get("type", "")
    kind = kind if kind in SearchKind.values else ""
    results = site_search(query, kind=kind, request=request)
    return render(
        request,
        "sitesearch/search_results.html",
        {"query": query, "results": results, "kinds": SearchKind.choices},
    )
