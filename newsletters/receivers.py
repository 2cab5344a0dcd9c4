"""Signal receivers: each hands straight to a service."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from newsletter.models import Newsletter

from . import services


@receiver(post_save, sender=Newsletter)
def give_new_newsletter_a_site(
    sender, instance: Newsletter, created: bool, **kwargs
) -> None:
    # After commit: the admin form saves its own site selection after the row.
    if created:
        transaction.on_commit(
            lambda: services.newsletter_site_ensure(newsletter=instance)
        )
