"""Template tags used on every kind of page."""

from django import template

from home.renditions import existing_rendition_or_original

register = template.Library()


@register.simple_tag
def rendition(image, filter_spec: str, existing_only: bool = False):
    """`{% rendition image spec as img %}`: like Wagtail's `{% image %}`, but the
    spec may be a variable, so one figure include serves every size. Uses renditions
    prefetched with `prefetch_renditions()` when they are there. With
    `existing_only` (listings) it never resizes: see `home.renditions`."""
    if not image:
        return None
    if existing_only:
        return existing_rendition_or_original(image, filter_spec)
    return image.get_rendition(filter_spec)
