"""Signal receivers: a changed author or category purges the pages that show it."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from home import pagecache, services

from .models import ArticlePage, Author, BlogIndexPage, Category


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def purge_pages_showing_author(sender, instance: Author, **kwargs) -> None:
    pages = list(ArticlePage.objects.filter(article_authors__author_id=instance.pk))
    pages += list(BlogIndexPage.objects.all())  # the author's archive page
    transaction.on_commit(pagecache.fragments_expire)
    transaction.on_commit(lambda: services.page_cache_purge(pages=pages))


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def purge_pages_showing_category(sender, instance: Category, **kwargs) -> None:
    pages = list(ArticlePage.objects.filter(categories=instance.pk))
    pages += list(BlogIndexPage.objects.all())
    transaction.on_commit(pagecache.fragments_expire)
    transaction.on_commit(lambda: services.page_cache_purge(pages=pages))
