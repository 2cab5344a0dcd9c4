"""Reads of the delivery app that other places ask for."""

from oscar.core.loading import get_model

from pagecache import memo

from .models import EbookFile

Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")


def _ebook_ids_without_file() -> frozenset[int]:
    return frozenset(
        Product.objects.filter(product_class__kind=ProductClass.Kind.EBOOK)
        .exclude(pk__in=EbookFile.objects.values("product_id"))
        .values_list("pk", flat=True)
    )


def ebook_file_missing(product) -> bool:
    """Whether `product` is an e-book whose file has not been uploaded. Asked for
    every download a page lists, so it reads one set kept in this process until
    products or e-book files change (`pagecache.memo.fragments`): no query per
    product."""
    return product.pk in memo.fragments.get(
        "delivery:ebooks-without-file", _ebook_ids_without_file
    )


def ebooks_without_file() -> list:
    """E-books on sale in the catalogue that cannot be bought for want of a file."""
    return list(
        Product.objects.filter(
            is_public=True, product_class__kind=ProductClass.Kind.EBOOK
        )
        .exclude(pk__in=EbookFile.objects.values("product_id"))
        .order_by("title")
    )


def order_grants(order) -> list:
    """The order's download grants with their renewals, for the shop dashboard."""
    from .models import Grant

    return list(
        Grant.objects.filter(line__order=order)
        .select_related("line")
        .prefetch_related("renewals__renewed_by")
        .order_by("pk")
    )


def lines_delivered_at(line_ids) -> dict:
    """When the first copy of each of these order lines was downloaded: the moment
    the delivery of digital content began (§ 356(5) BGB). Lines never downloaded
    are missing. One query."""
    from django.db.models import Min

    from .models import Delivery

    return dict(
        Delivery.objects.filter(grant__line_id__in=list(line_ids))
        .values("grant__line_id")
        .annotate(first=Min("delivered_at"))
        .values_list("grant__line_id", "first")
    )
