"""Signal receivers: each hands straight to a service, after the change commits."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site as WagtailSite
from wagtail.signals import page_published

from . import services
from .models import StandardPage


@receiver(post_save, sender=WagtailSite)
def sync_django_site(sender, instance: WagtailSite, **kwargs) -> None:
    services.django_site_sync(wagtail_site=instance)


@receiver(page_published, sender=StandardPage)
def record_policy_version(sender, instance: StandardPage, revision, **kwargs) -> None:
    services.legal_page_version_record(page=instance, revision=revision)
