"""An e-book file uploaded or removed changes what is for sale. (What delivery does
when an order is paid, cancelled or refunded is registered with the order
lifecycle in wagtail_hooks.py.)"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import store

from .models import EbookFile


@receiver(post_save, sender=EbookFile, dispatch_uid="delivery-ebook-saved")
@receiver(post_delete, sender=EbookFile, dispatch_uid="delivery-ebook-deleted")
def ebook_availability_changed(sender, instance, **kwargs) -> None:
    """An e-book with a file is for sale, one without is not: every page that
    shows it (product page, catalogue, article boxes) and the kept set of e-books
    without a file are built afresh. Uploads are rare; all pages are purged."""
    transaction.on_commit(store.purge_all)
