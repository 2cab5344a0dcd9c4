"""The image sizes the templates use, made ahead of time.

Every image gets all of them in the background when it is uploaded or replaced
(`renditions_generate`), so no reader's request has to resize an image. A listing
that meets an image whose renditions are not there yet shows the original scaled by
the browser, and queues the work, rather than resizing inline.
"""

from types import SimpleNamespace

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import Filter

# Every size the site shows, by name; templates and code name the size, never the
# spec, so each is written only here.
SPECS = {
    "card": "fill-640x360",
    "hero": "fill-1200x630",
    "series_hero": "fill-1200x500",
    "body": "max-1200x900",
    "author": "fill-160x160",
    "logo": "max-200x80",
}
SHARE = "hero"  # the OpenGraph/Twitter card size


@task()
def renditions_generate(image_id: int) -> None:
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is not None:
        image.get_renditions(*SPECS.values())


def existing_rendition_or_original(image, filter_spec: str):
    """The rendition if it was made (prefetched or in the table), else the original
    with the target size for the browser to scale, with the rendition queued."""
    try:
        return image.find_existing_rendition(Filter(spec=str(filter_spec)))
    except image.get_rendition_model().DoesNotExist:
        renditions_generate.enqueue(image.pk)
    width, height = _target_size(image, filter_spec)
    return SimpleNamespace(url=image.file.url, width=width, height=height)


def _target_size(image, filter_spec: str) -> tuple[int, int]:
    operation, _sep, size = filter_spec.partition("-")
    try:
        width, height = (int(part) for part in size.split("x"))
    except ValueError:
        return image.width, image.height
    if operation == "fill":
        return width, height
    scale = min(width / image.width, height / image.height, 1)
    return round(image.width * scale), round(image.height * scale)
