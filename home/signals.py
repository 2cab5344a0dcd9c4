"""Signal receivers: each hands straight to a service, after the change commits."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.models import Site as WagtailSite
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import pagecache, routing, services
from .models import PublisherSettings, StandardPage


@receiver(post_save, sender=WagtailSite)
def sync_django_site(sender, instance: WagtailSite, **kwargs) -> None:
    services.django_site_sync(wagtail_site=instance)
    transaction.on_commit(routing.expire)
    transaction.on_commit(pagecache.purge_all)


@receiver(post_delete, sender=WagtailSite)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def expire_routing(sender, **kwargs) -> None:
    transaction.on_commit(routing.expire)
    transaction.on_commit(pagecache.purge_all)


@receiver(page_published, sender=StandardPage)
def record_policy_version(sender, instance: StandardPage, revision, **kwargs) -> None:
    services.policy_version_record(page=instance, revision=revision)


@receiver(page_published)
@receiver(page_unpublished)
def purge_changed_page(sender, instance: Page, **kwargs) -> None:
    transaction.on_commit(lambda: services.page_cache_purge(pages=[instance]))


@receiver(post_page_move)
def purge_moved_page(sender, instance: Page, url_path_before: str, **kwargs) -> None:
    transaction.on_commit(
        lambda: services.page_cache_purge_moved(
            page=instance, old_url_path=url_path_before
        )
    )


@receiver(pre_delete)
def purge_deleted_page(sender, instance, **kwargs) -> None:
    # Sent once per model in the page's inheritance chain; the base Page is enough.
    if sender is Page and instance.live:
        paths = services.page_cache_affected_paths([instance])
        transaction.on_commit(lambda: services.page_cache_purge_paths(paths=paths))


@receiver(post_save, sender=PublisherSettings)
def purge_everything_for_publisher_change(sender, **kwargs) -> None:
    # The publisher's name and box are on every page.
    transaction.on_commit(pagecache.purge_all)


def purge_pages_showing(sender, instance, **kwargs) -> None:
    """For images and products: whatever pages show them, and cached fragments."""
    transaction.on_commit(pagecache.fragments_expire)
    transaction.on_commit(lambda: services.page_cache_purge_for_object(obj=instance))


def purge_pages_showing_product_of(sender, instance, **kwargs) -> None:
    """A stock record holds the price that articles show beside the product."""
    product = getattr(instance, "product", None)
    if product is not None:
        purge_pages_showing(sender, product)


def make_renditions(
    sender, instance, created: bool = False, update_fields=None, **kwargs
):
    """New or replaced image files get every size the templates use, in the
    background (`home.renditions`)."""
    if created or update_fields is None or "file" in update_fields:
        from .renditions import renditions_generate

        transaction.on_commit(lambda: renditions_generate.enqueue(instance.pk))


def connect_content_signals() -> None:
    from oscar.core.loading import get_model
    from wagtail.images import get_image_model

    post_save.connect(
        make_renditions, sender=get_image_model(), dispatch_uid="renditions"
    )
    for model in (get_image_model(), get_model("catalogue", "Product")):
        post_save.connect(
            purge_pages_showing, sender=model, dispatch_uid=f"purge-{model}"
        )
        post_delete.connect(
            purge_pages_showing, sender=model, dispatch_uid=f"purge-d-{model}"
        )
    stock_record = get_model("partner", "StockRecord")
    post_save.connect(
        purge_pages_showing_product_of, sender=stock_record, dispatch_uid="purge-sr"
    )
    post_delete.connect(
        purge_pages_showing_product_of, sender=stock_record, dispatch_uid="purge-d-sr"
    )
