"""Signal receivers of the shop: a changed product or price purges the pages that
show it (article PDF offers, product picks) and every cached fragment; an order's
status change settles a payment, releases stock or announces the parcel."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from pagecache.receivers import purge_pages_showing

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
ProductReview = get_model("reviews", "ProductReview")
StockRecord = get_model("partner", "StockRecord")

post_save.connect(purge_pages_showing, sender=Product, dispatch_uid="purge-product")
post_delete.connect(purge_pages_showing, sender=Product, dispatch_uid="purge-d-product")


@receiver(post_save, sender=StockRecord, dispatch_uid="purge-stockrecord")
@receiver(post_delete, sender=StockRecord, dispatch_uid="purge-d-stockrecord")
def purge_pages_showing_product_of(sender, instance, **kwargs) -> None:
    """A stock record holds the price that articles show beside the product."""
    product = getattr(instance, "product", None)
    if product is not None:
        purge_pages_showing(sender, product)


@receiver(order_status_changed, dispatch_uid="shop-order-status")
def order_status_follow_up(sender, order, old_status, new_status, **kwargs) -> None:
    """What a status change means, whoever made it (provider or shop manager)."""
    from shop import mails
    from shop.payments import services

    if new_status == order.PAID:
        services.order_settle(order)
    elif new_status == order.CANCELLED:
        services.release_stock(order)
    elif new_status == order.SHIPPED:
        for line in order.lines.select_related("stockrecord"):
            if line.stockrecord is not None and line.product is not None:
                if line.product.get_product_class().track_stock:
                    line.stockrecord.consume_allocation(line.quantity)
        mails.order_mail_later(order, mails.SHIPPED)


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
