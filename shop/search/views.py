"""The catalogue, category and product-search pages, served from Wagtail's search
instead of haystack.

Oscar takes `CatalogueView`, `ProductCategoryView` and `FacetedSearchView` from this
module (`get_class("search.views", ...)`). Haystack's simple backend lists nothing on
the catalogue page and Whoosh is unmaintained, so these are plain list views over
`shop.selectors`, which work on SQLite and PostgreSQL with no search server.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.core.loading import get_model

from core.query import clean_query
from pagecache.store import page_cache_allow

from ..selectors import product_search, products_browsable

Category = get_model("catalogue", "Category")


class ProductListView(ListView):
    context_object_name = "products"
    paginate_by = settings.OSCAR_PRODUCTS_PER_PAGE
    category = None

    def paginate_queryset(self, queryset, page_size):
        # A junk or out-of-range ?page= shows the nearest page instead of a 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    @property
    def query(self) -> str:
        return clean_query(self.request.GET.get("q"))

    def get_queryset(self):
        if self.query:
            return product_search(query=self.query, category=self.category)
        return products_browsable(category=self.category)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Shared from the page cache with readers who have no session: the cards'
        # basket forms carry no CSRF token (core/cached_forms.py).
        page_cache_allow(request)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["query"] = self.query
        context["category"] = self.category
        return context


class CatalogueView(ProductListView):
    template_name = "oscar/catalogue/browse.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = _("All products")
        return context


class ProductCategoryView(ProductListView):
    template_name = "oscar/catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category.objects.browsable(), pk=kwargs["pk"])
        expected = self.category.get_absolute_url()
        if request.path != expected:
            return HttpResponsePermanentRedirect(expected)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["summary"] = self.category.name
        return context


class FacetedSearchView(ProductListView):
    """Oscar's name for its product search page (/shop/search/?q=)."""

    template_name = "oscar/search/results.html"
