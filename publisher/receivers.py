"""Saving the publisher's settings changes every page (box, footer) and mail."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import store

from .models import PublisherSettings


@receiver(post_save, sender=PublisherSettings)
def purge_everything_for_publisher_change(sender, created: bool = False, **kwargs):
    # The row is created with the defaults when it is first read (`for_site`);
    # only an editor's change purges.
    if not created:
        transaction.on_commit(store.purge_all)
