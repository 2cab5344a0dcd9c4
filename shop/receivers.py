"""Signal receivers of the shop: a changed product or price purges the pages that
show it (article PDF offers, product picks) and every cached fragment; an order's
status change settles a payment, releases stock or announces the parcel."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed
from oscar.core.loading import get_model

from pagecache.receivers import purge_pages_showing

Product = get_model("catalogue", "Product")
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
