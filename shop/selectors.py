"""Reads of the shop's catalogue: browsing, searching, the sitemap, and the product
cards that articles and blocks show."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.files.storage import default_storage
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Subquery, When
from django.urls import reverse
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend

from core import hooks as names
from pagecache import memo

from .product_classes import product_class_label

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
    page_id: int | None = None  # the article, series or course it sells
    kind_code: str = ""  # "book", "ebook", "course", "article_pdf"
    available: bool = True  # in stock, or not a stocked product


def product_sold_from(*, page_id: int):
    """The product a page is sold as (`Product.page`, the one link between the
    two), public or withdrawn; None if there is none."""
    return Product.objects.filter(page_id=page_id).order_by("-is_public", "pk").first()


def _pages_on_sale() -> frozenset[int]:
    return frozenset(
        Product.objects.filter(is_public=True, page__isnull=False).values_list(
            "page_id", flat=True
        )
    )


def page_on_sale(*, page_id: int) -> bool:
    """Whether a public product sells the page. Asked by every series and course
    page, so it reads one set kept in this process until products change
    (`pagecache.memo.fragments`): a page that sells nothing costs no query."""
    return page_id in memo.fragments.get("shop:pages-on-sale", _pages_on_sale)


def pages_sold(products) -> dict[int, int]:
    """{product id: the page it sells} for those of `products` that sell a page
    (an article or series PDF, a course): what delivery renders and what courses
    enrol in. Reads the loaded products; no query."""
    return {
        product.pk: product.page_id
        for product in products
        if product is not None and product.page_id
    }


def product_cards(
    ids: list[int] | None = None,
    *,
    sold_from_page: int | list[int] | None = None,
    product_kind: str | None = None,
    product_kinds: tuple[str, ...] | list[str] | None = None,
    topics: list[int] | None = None,
    tag_ids: list[int] | None = None,
    limit: int | None = None,
) -> list[ProductCard]:
    """Public products as cards, in one query: the price is the first stock record's
    gross price (what `shop.partner.strategy.GermanStrategy` charges), the cover the
    first product image. `ids` come first, in their order; `topics`/`tag_ids` add
    the products on an article's topics after them; `sold_from_page` adds the
    product that page is sold as (its `page_id` tells it apart)."""
    StockRecord = get_model("partner", "StockRecord")
    ProductImage = get_model("catalogue", "ProductImage")
    first_record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    first_image = ProductImage.objects.filter(product=OuterRef("pk")).order_by(
        "display_order", "pk"
    )
    products = Product.objects.filter(is_public=True, parent=None)
    if product_kind:
        products = products.filter(product_class__kind=product_kind)
    if product_kinds:
        products = products.filter(product_class__kind__in=list(product_kinds))
    chosen = Q(pk__in=ids or [])
    if isinstance(sold_from_page, list | tuple):
        chosen |= Q(page_id__in=list(sold_from_page))
    elif sold_from_page is not None:
        chosen |= Q(page_id=sold_from_page)
    if ids is not None or topics or tag_ids or sold_from_page is not None:
        wanted = chosen
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
            in_stock=Subquery(first_record.values("num_in_stock")[:1]),
            allocated=Subquery(first_record.values("num_allocated")[:1]),
            named=Case(When(chosen, then=0), default=1),
        )
        .select_related("product_class")
        .order_by("named", "-priority", "-date_created", "pk")
        .only(
            "pk",
            "title",
            "slug",
            "page_id",
            "product_class__name",
            "product_class__slug",
            "product_class__kind",
            "product_class__track_stock",
        )
    )
    if limit is not None:
        rows = rows[:limit]
    cards = [
        ProductCard(
            pk=product.pk,
            title=product.title,
            url=product.get_absolute_url(),
            kind=product_class_label(product.product_class),
            price=product.price,
            currency=product.currency or "EUR",
            cover_url=default_storage.url(product.cover) if product.cover else None,
            page_id=product.page_id,
            kind_code=product.product_class.kind if product.product_class else "",
            available=_available(product),
        )
        for product in rows
    ]
    if ids is not None:
        position = {pk: index for index, pk in enumerate(ids)}
        cards.sort(key=lambda card: position.get(card.pk, len(position)))
    return cards


def _available(product) -> bool:
    """What Oscar's stock-required availability says, from the annotated first
    stock record: a product whose class counts stock needs one left."""
    if product.product_class is None or not product.product_class.track_stock:
        return True
    if product.in_stock is None:
        return False
    return product.in_stock - (product.allocated or 0) > 0


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


def order_downloads(order) -> list[dict]:
    """The download links of an order, from whichever app delivers them."""
    from wagtail import hooks

    return [
        item
        for hook in hooks.get_hooks(names.SHOP_ORDER_DOWNLOADS)
        for item in hook(order)
    ]


def order_status_path(order) -> str:
    """Where the reader looks the order up: the account, or a guest's signed link."""
    if order.user_id:
        return reverse("customer:order", kwargs={"order_number": order.number})
    return reverse(
        "customer:anon-order",
        kwargs={"order_number": order.number, "hash": order.verification_hash()},
    )


def bank_details(order, seller: dict) -> dict | None:
    """What a reader paying in advance transfers, and to whom."""
    if order.payment_method != "prepayment":
        return None
    return {
        "holder": seller.get("legal_name") or seller.get("name", ""),
        "bank": seller.get("bank_name", ""),
        "iban": seller.get("iban", ""),
        "bic": seller.get("bic", ""),
        "amount": order.total_incl_tax,
        "reference": order.number,
    }


def buyer_name(order) -> str:
    """The buyer's name as the order knows it: the account's, else the one on the
    billing or shipping address (a guest gives it there), else ""."""
    if order.user_id and order.user.get_full_name().strip():
        return order.user.get_full_name().strip()
    for address in (order.billing_address, order.shipping_address):
        if address is not None and address.name.strip():
            return address.name.strip()
    return ""
