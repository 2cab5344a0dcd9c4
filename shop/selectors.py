"""Reads of the shop's catalogue: browsing, searching, the sitemap, and the product
cards that articles and blocks show."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.files.storage import default_storage
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
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


@dataclass
class ProductCard:
    """What a product box shows, read in the same query as the product."""

    pk: int
    title: str
    url: str
    kind: str
    price: Decimal | None
    currency: str
    cover_url: str | None


def product_cards(
    ids: list[int] | None = None,
    *,
    product_kind: str | None = None,
    topics: list[int] | None = None,
    tag_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[ProductCard]:
    """Public products as cards, in one query: the price is the first stock record's
    gross price (what `shop.partner.strategy.GermanStrategy` charges), the cover the
    first product image. `ids` come first, in their order; `topics`/`tag_ids` add
    the products on an article's topics after them."""
    StockRecord = get_model("partner", "StockRecord")
    ProductImage = get_model("catalogue", "ProductImage")
    first_record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    first_image = ProductImage.objects.filter(product=OuterRef("pk")).order_by(
        "display_order", "pk"
    )
    products = Product.objects.filter(is_public=True, parent=None)
    if product_kind:
        products = products.filter(product_class__kind=product_kind)
    if ids is not None or topics or tag_ids:
        wanted = Q(pk__in=ids or [])
        if topics:
            wanted |= Exists(
                Product.topics.through.objects.filter(
                    product_id=OuterRef("pk"), category_id__in=topics
                )
            )
        if tag_ids:
            ProductTag = get_model("catalogue", "ProductTag")
            wanted |= Exists(
                ProductTag.objects.filter(
                    content_object_id=OuterRef("pk"), tag_id__in=tag_ids
                )
            )
        products = products.filter(wanted)
    rows = (
        products.annotate(
            price=Subquery(first_record.values("price")[:1]),
            currency=Subquery(first_record.values("price_currency")[:1]),
            cover=Subquery(first_image.values("original")[:1]),
            named=Case(When(pk__in=ids or [], then=0), default=1),
        )
        .select_related("product_class")
        .order_by("named", "-priority", "-date_created", "pk")
        .only("pk", "title", "slug", "product_class__name", "product_class__slug")
    )
    if limit is not None:
        rows = rows[:limit]
    cards = [
        ProductCard(
            pk=product.pk,
            title=product.title,
            url=product.get_absolute_url(),
            kind=product.product_class.name if product.product_class else "",
            price=product.price,
            currency=product.currency or "EUR",
            cover_url=default_storage.url(product.cover) if product.cover else None,
        )
        for product in rows
    ]
    if ids is not None:
        position = {pk: index for index, pk in enumerate(ids)}
        cards.sort(key=lambda card: position.get(card.pk, len(position)))
    return cards


def legal_pages() -> dict:
    """The terms and the withdrawal policy the checkout links: {role: {title, url}}."""
    from home.models import StandardPage

    roles = (StandardPage.Role.TERMS, StandardPage.Role.WITHDRAWAL)
    return {
        page.role: {"title": page.title, "url": page.url}
        for page in StandardPage.objects.live().filter(role__in=roles)
    }


def withdrawal_policy_version():
    """The version of the live withdrawal policy that a review page shown now
    cites: one query."""
    from consent.models import PolicyVersion
    from home.models import StandardPage

    return (
        PolicyVersion.objects.filter(role=StandardPage.Role.WITHDRAWAL, page__live=True)
        .order_by("-number")
        .first()
    )


#: Apps that deliver files register a function order -> [{title, path, ready, ...}].
ORDER_DOWNLOADS_HOOK = "shop_order_downloads"


def order_downloads(order) -> list[dict]:
    """The download links of an order, from whichever app delivers them."""
    from wagtail import hooks

    return [
        item for hook in hooks.get_hooks(ORDER_DOWNLOADS_HOOK) for item in hook(order)
    ]
