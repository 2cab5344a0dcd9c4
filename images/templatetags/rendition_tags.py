"""`{% rendition %}`: an image in one of the named sizes of `images.renditions`."""

from django import template

from images.renditions import SPECS, existing_rendition_or_original

register = template.Library()


@register.simple_tag
def rendition(image, size: str, existing_only: bool = False):
    """`{% rendition image "card" as img %}`: like Wagtail's `{% image %}`, with the
    size named (`SPECS`) so the spec is written once. Uses renditions prefetched
    with `prefetch_renditions()` when they are there. With `existing_only`
    (listings) it never resizes: see `images.renditions`."""
    if not image:
        return None
    spec = SPECS[size]
    if existing_only:
        return existing_rendition_or_original(image, spec)
    return image.get_rendition(spec)
