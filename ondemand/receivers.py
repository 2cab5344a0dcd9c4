"""Offering courses on demand, or no longer, changes the front page and every
course page (their link to the composer): the page cache is purged."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import store

from .models import OnDemandSettings


@receiver(post_save, sender=OnDemandSettings)
def purge_pages_for_terms_change(sender, created: bool = False, **kwargs) -> None:
    # The row is created with the defaults when it is first read; only an
    # editor's change purges.
    if not created:
        transaction.on_commit(store.purge_all)
