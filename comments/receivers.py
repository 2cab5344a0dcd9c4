"""Saving the comment settings changes every page with a discussion (moderation,
closing, the form's rules): the cached pages and the memo go."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from pagecache import store

from .models import CommentSettings


@receiver(post_save, sender=CommentSettings)
def comment_settings_saved(sender, created: bool = False, **kwargs) -> None:
    # The row is created with the defaults the pages already follow when it is
    # first read (`load()`); only an editor's change purges.
    if not created:
        transaction.on_commit(store.purge_all)
