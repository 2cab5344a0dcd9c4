"""Reads of the shop's catalogue: browsing, searching and the sitemap."""

from django.db.models import Case, QuerySet, When
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

MAX_SEARCH_RESULTS = 500


def products_browsable(*, category=None) -> QuerySet:
    """Public, canonical products with everything a product card shows prefetched,
    newest and highest-priority first."""
    products = Product.objects.browsable().base_queryset()
    if category is not None:
        products = products.filter(categories__in=category.get_descendants_and_self())
        products = products.distinct()
    return products.order_by("-priority", "-date_created", "pk")


def product_search(*, query: str, category=None) -> QuerySet:
    """Full-text search over the browsable products (title, description, category
    and product-class names) through Wagtail's search backend, best match first.

    The backend ranks a plain queryset; the ranked ids are then loaded with the same
    prefetching as the catalogue, so a result page costs what a catalogue page costs.
    """
    candidates = Product.objects.filter(parent=None, is_public=True)
    results = get_search_backend().search(query, candidates, operator="and")
    ids = [product.pk for product in results[:MAX_SEARCH_RESULTS]]
    if not ids:
        return Product.objects.none()
    ranking = Case(*(When(pk=pk, then=position) for position, pk in enumerate(ids)))
    products = Product.objects.base_queryset().filter(pk__in=ids)
    if category is not None:
        products = products.filter(
            categories__in=category.get_descendants_and_self()
        ).distinct()
    return products.annotate(search_rank=ranking).order_by("search_rank")


def products_for_sitemap() -> QuerySet:
    return Product.objects.browsable().only("id", "slug", "date_updated").order_by("pk")
