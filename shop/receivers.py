"""Signal receivers of the shop: a changed product or price purges the pages that
show it (article PDF offers, product picks) and every cached fragment."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
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
