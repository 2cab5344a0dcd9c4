"""Delivery follows the order's status: paid opens the download grants (and queues
the renders), cancelled or refunded revokes them; an e-book file uploaded or
removed changes what is for sale."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from pagecache import store

from . import services
from .models import EbookFile


@receiver(order_status_changed, dispatch_uid="delivery-order-status")
def grants_follow_order(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status == order.PAID:
        services.grants_for_paid_order(order)
    elif new_status in (order.CANCELLED, order.REFUNDED):
        services.grants_revoke(order)


@receiver(post_save, sender=EbookFile, dispatch_uid="delivery-ebook-saved")
@receiver(post_delete, sender=EbookFile, dispatch_uid="delivery-ebook-deleted")
def ebook_availability_changed(sender, instance, **kwargs) -> None:
    """An e-book with a file is for sale, one without is not: every page that
    shows it (product page, catalogue, article boxes) and the kept set of e-books
    without a file are built afresh. Uploads are rare; all pages are purged."""
    transaction.on_commit(store.purge_all)
