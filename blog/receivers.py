"""Signal receivers: a changed author or category purges the pages that show it;
publishing an article or series puts its PDF on sale, unpublishing takes it off."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from pagecache import services, store
from taxonomy.models import Category

from . import services as blog_services
from .models import ArticlePage, Author, BlogIndexPage, PdfSale, SeriesPage


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


@receiver(page_published, dispatch_uid="blog-pdf-sale-publish")
def pdf_sale_on_publish(sender, instance, **kwargs) -> None:
    """Publishing an article or series puts its PDF on sale (or off, if unticked)."""
    page = instance.specific
    if isinstance(page, PdfSale):
        blog_services.pdf_sale_sync(page)


@receiver(page_unpublished, dispatch_uid="blog-pdf-sale-unpublish")
@receiver(pre_delete, sender=ArticlePage, dispatch_uid="blog-pdf-sale-delete-article")
@receiver(pre_delete, sender=SeriesPage, dispatch_uid="blog-pdf-sale-delete-series")
def pdf_sale_on_unpublish(sender, instance, **kwargs) -> None:
    page = instance.specific
    if isinstance(page, PdfSale):
        blog_services.pdf_sale_end(page)
