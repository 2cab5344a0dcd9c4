"""The image-rights registry: which images the publisher may show until when, and
where each is used, so a licence running out never surprises the editors.

Usage comes from Wagtail's reference index (hero images, images in StreamField
blocks, author photos), read for all listed images in one query.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, QuerySet
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

EXPIRY_WARNING_DAYS = 30


@dataclass
class ImageRights:
    image: object
    pages: list = field(default_factory=list)
    other_uses: int = 0

    @property
    def days_left(self) -> int | None:
        expires = self.image.licence_expires_at
        return None if expires is None else (expires - timezone.localdate()).days

    @property
    def status(self) -> str:
        days = self.days_left
        if days is None:
            return "unlimited"
        if days < 0:
            return "expired"
        if days <= EXPIRY_WARNING_DAYS:
            return "expiring"
        return "valid"


def images_by_expiry(*, within_days: int | None = None) -> QuerySet:
    """Images with the soonest licence end first; unlimited licences last."""
    images = get_image_model().objects.order_by(
        F("licence_expires_at").asc(nulls_last=True), "title"
    )
    if within_days is not None:
        limit = timezone.localdate() + timedelta(days=within_days)
        images = images.filter(licence_expires_at__lte=limit)
    return images


def expiring_licences(today: date | None = None) -> QuerySet:
    """Licences that end within `EXPIRY_WARNING_DAYS` (or have ended)."""
    return images_by_expiry(within_days=EXPIRY_WARNING_DAYS)


def rights_registry(images) -> list[ImageRights]:
    """Each image with the pages that show it, in two queries for any number."""
    images = list(images)
    if not images:
        return []
    image_type = ContentType.objects.get_for_model(get_image_model())
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.objects.filter(
        to_content_type=image_type,
        to_object_id__in=[str(image.pk) for image in images],
    ).values_list("to_object_id", "base_content_type_id", "object_id")
    page_ids: dict[str, set[int]] = {}
    other_uses: dict[str, int] = {}
    for image_id, base_type_id, object_id in references:
        if base_type_id == page_type.pk:
            page_ids.setdefault(image_id, set()).add(int(object_id))
        else:
            other_uses[image_id] = other_uses.get(image_id, 0) + 1
    wanted = set().union(*page_ids.values()) if page_ids else set()
    pages = {page.pk: page for page in Page.objects.filter(pk__in=wanted)}
    return [
        ImageRights(
            image=image,
            pages=sorted(
                (pages[pk] for pk in page_ids.get(str(image.pk), ()) if pk in pages),
                key=lambda page: page.title,
            ),
            other_uses=other_uses.get(str(image.pk), 0),
        )
        for image in images
    ]
