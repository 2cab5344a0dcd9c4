"""Signal receivers for images: each hands over to a service after the commit."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.images import get_image_model

from pagecache.receivers import purge_pages_showing

from .renditions import renditions_generate


def make_renditions(
    sender, instance, created: bool = False, update_fields=None, **kwargs
) -> None:
    """New or replaced image files get every size the templates use, in the
    background (`images.renditions`)."""
    if created or update_fields is None or "file" in update_fields:
        transaction.on_commit(lambda: renditions_generate.enqueue(instance.pk))


def connect() -> None:
    """Connected from `ready()`: the image model is swappable, so its class is only
    known once the app registry is."""
    image_model = get_image_model()
    post_save.connect(make_renditions, sender=image_model, dispatch_uid="renditions")
    post_save.connect(
        purge_pages_showing, sender=image_model, dispatch_uid="purge-image"
    )
    post_delete.connect(
        purge_pages_showing, sender=image_model, dispatch_uid="purge-d-image"
    )
