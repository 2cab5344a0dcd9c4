"""Signal receivers of the shop: a changed product or price purges the pages that
show it (article PDF offers, product picks) and every cached fragment. (What an
order's status change means is not here: `shop/lifecycle.py` does it.)"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from pagecache.receivers import purge_pages_showing

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")


@receiver(post_save, sender=Product, dispatch_uid="purge-product")
@receiver(post_delete, sender=Product, dispatch_uid="purge-d-product")
def purge_pages_showing_product(sender, instance, **kwargs) -> None:
    """The pages that pick the product, the page it sells (its offer box), and
    the front page (its shelf and series shelf show prices)."""
    from home.models import HomePage

    front = list(HomePage.objects.values_list("pk", flat=True))
    purge_pages_showing(sender, instance, page_ids=[instance.page_id, *front])


@receiver(post_save, sender=StockRecord, dispatch_uid="purge-stockrecord")
@receiver(post_delete, sender=StockRecord, dispatch_uid="purge-d-stockrecord")
def purge_pages_showing_product_of(sender, instance, **kwargs) -> None:
    """A stock record holds the price that articles show beside the product."""
    product = getattr(instance, "product", None)
    if product is not None:
        purge_pages_showing_product(sender, product)


def shop_pages_purge(product=None) -> None:
    """After the commit, forget the cached catalogue and category pages, and the
    product's own page: a price, stock level, review or product changed."""
    from pagecache import store

    paths = ["/shop/catalogue/"]
    paths += [category.get_absolute_url() for category in Category.objects.all()]
    if product is not None and product.pk and product.slug:
        paths.append(product.get_absolute_url())
    transaction.on_commit(lambda: store.purge_paths(paths))


@receiver(post_save, sender=Product, dispatch_uid="purge-shop-product")
@receiver(post_delete, sender=Product, dispatch_uid="purge-d-shop-product")
def purge_shop_pages_of_product(sender, instance, **kwargs) -> None:
    shop_pages_purge(instance)


@receiver(post_save, sender=StockRecord, dispatch_uid="purge-shop-stock")
@receiver(post_delete, sender=StockRecord, dispatch_uid="purge-d-shop-stock")
@receiver(post_save, sender=ProductReview, dispatch_uid="purge-shop-review")
@receiver(post_delete, sender=ProductReview, dispatch_uid="purge-d-shop-review")
def purge_shop_pages_of_related(sender, instance, **kwargs) -> None:
    shop_pages_purge(getattr(instance, "product", None))


@receiver(post_save, sender=Category, dispatch_uid="purge-shop-category")
@receiver(post_delete, sender=Category, dispatch_uid="purge-d-shop-category")
def purge_shop_pages_of_category(sender, instance, **kwargs) -> None:
    shop_pages_purge()


def order_placed_statistics(sender, order, user, **kwargs) -> None:
    """Oscar's order statistics: per product in the cache, per customer as before
    (one row, whatever the size of the order)."""
    from oscar.apps.analytics.receivers import _record_user_order

    from shop import analytics

    analytics.purchases_record(order)
    if user is not None and user.is_authenticated:
        _record_user_order(user, order)
