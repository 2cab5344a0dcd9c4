"""Signal receivers that keep the page cache true: each hands over to a service,
after the change commits. Apps whose models show on pages (images, products,
snippets) connect `purge_pages_showing` for them."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.models import Site as WagtailSite
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import routing, services, store


@receiver(post_save, sender=WagtailSite)
@receiver(post_delete, sender=WagtailSite)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def expire_routing(sender, **kwargs) -> None:
    transaction.on_commit(routing.expire)
    transaction.on_commit(store.purge_all)


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


def purge_pages_showing(sender, instance, *, page_ids=(), **kwargs) -> None:
    """For images, products and snippets: whatever pages show them (and the
    `page_ids` the object itself names), and every cached fragment."""
    transaction.on_commit(store.fragments_expire)
    transaction.on_commit(
        lambda: services.page_cache_purge_for_object(obj=instance, page_ids=page_ids)
    )
