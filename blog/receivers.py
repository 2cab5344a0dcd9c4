"""Signal receivers: a changed author or category purges the pages that show it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from pagecache import services, store
from taxonomy.models import Category

from .models import ArticlePage, Author, BlogIndexPage


def _purge_after_commit(articles) -> None:
    """The articles showing the snippet, plus the magazine (its archives and cards),
    and every cached fragment, once the change is committed."""
    pages = list(articles) + list(BlogIndexPage.objects.all())
    transaction.on_commit(store.fragments_expire)
    transaction.on_commit(lambda: services.page_cache_purge(pages=pages))


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def purge_pages_showing_author(sender, instance: Author, **kwargs) -> None:
    _purge_after_commit(
        ArticlePage.objects.filter(article_authors__author_id=instance.pk)
    )


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def purge_pages_showing_category(sender, instance: Category, **kwargs) -> None:
    _purge_after_commit(ArticlePage.objects.filter(categories=instance.pk))
