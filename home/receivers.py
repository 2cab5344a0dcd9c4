"""Signal receivers: each hands straight to a service, after the change commits."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site as WagtailSite
from wagtail.signals import page_published

from pagecache import store

from . import services
from .models import PublisherSettings, StandardPage


@receiver(post_save, sender=WagtailSite)
def sync_django_site(sender, instance: WagtailSite, **kwargs) -> None:
    services.django_site_sync(wagtail_site=instance)


@receiver(page_published, sender=StandardPage)
def record_policy_version(sender, instance: StandardPage, revision, **kwargs) -> None:
    services.legal_page_version_record(page=instance, revision=revision)


@receiver(post_save, sender=PublisherSettings)
def purge_everything_for_publisher_change(sender, **kwargs) -> None:
    # The publisher's name and box are on every page.
    transaction.on_commit(store.purge_all)
