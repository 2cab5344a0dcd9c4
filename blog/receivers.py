"""Signal receivers: a changed author, category or product purges the pages that
show it; publishing an article or series puts its PDF on sale (unpublishing takes
it off) and has its share card drawn."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from oscar.core.loading import get_model
from wagtail.signals import page_published, page_unpublished

from home.models import HomePage
from images.tasks import share_card_render
from pagecache import services, store
from taxonomy.models import Category

from . import services as blog_services
from .models import (
    ArticlePage,
    Author,
    BlogIndexPage,
    PdfSale,
    SeriesPage,
    archive_url,
)

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


def _purge_after_commit(articles) -> None:
    """The articles showing the snippet, plus the magazine (its landing pages and
    cards) and the front page (its author strip), and every cached fragment, once
    the change is committed."""
    pages = [
        *articles,
        *BlogIndexPage.objects.all(),
        *HomePage.objects.all(),
    ]
    transaction.on_commit(store.fragments_expire)
    transaction.on_commit(lambda: services.page_cache_purge(pages=pages))


@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Author)
def purge_pages_showing_author(sender, instance: Author, **kwargs) -> None:
    _purge_after_commit(
        ArticlePage.objects.filter(article_authors__author_id=instance.pk)
    )


@receiver(post_save, sender=Product, dispatch_uid="blog-purge-product")
@receiver(pre_delete, sender=Product, dispatch_uid="blog-purge-d-product")
@receiver(post_save, sender=StockRecord, dispatch_uid="blog-purge-stockrecord")
@receiver(post_delete, sender=StockRecord, dispatch_uid="blog-purge-d-stockrecord")
def purge_landing_pages(sender, instance, **kwargs) -> None:
    """The topic pages and author pages that show the product with its price and
    stock; the shop purges the pages that pick it and the front page, and the
    fragments. Only those pages: a stock record is saved with every order of a
    book, and the magazine's other pages show no product."""
    product_id = instance.pk if sender is Product else instance.product_id
    topics = list(
        Product.topics.through.objects.filter(product_id=product_id).values_list(
            "category__slug", flat=True
        )
    )
    authors = list(
        Author.objects.filter(books__product_id=product_id).values_list(
            "slug", flat=True
        )
    )
    if topics or authors:
        # The URLs after the commit: they come from the navigation, which is not
        # to be built from a transaction's uncommitted state.
        transaction.on_commit(lambda: _landing_pages_purge(topics, authors))


def _landing_pages_purge(topics: list[str], authors: list[str]) -> None:
    paths = [archive_url("topic", slug) for slug in topics]
    paths += [archive_url("author", slug) for slug in authors]
    services.page_cache_purge_paths(paths=[path for path in paths if path])


@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Category)
def purge_pages_showing_category(sender, instance: Category, **kwargs) -> None:
    """Topics are in every page's header menu: a changed one renews the navigation
    and the whole page cache."""
    transaction.on_commit(store.structure_expire)
    transaction.on_commit(store.purge_all)


@receiver(page_published, dispatch_uid="blog-share-card")
def share_card_on_publish(sender, instance, revision=None, **kwargs) -> None:
    """An article's or series' share image is drawn for the revision published,
    in the background, before the first shared link asks for it."""
    page = instance.specific
    if getattr(page, "share_card", False) and page.hero_image_id and revision:
        image_id, page_id, revision_id = page.hero_image_id, page.pk, revision.pk
        transaction.on_commit(
            lambda: share_card_render.enqueue(image_id, page_id, revision_id)
        )


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
