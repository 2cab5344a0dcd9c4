"""Template tags used on every kind of page."""

from django import template

register = template.Library()


@register.simple_tag
def rendition(image, filter_spec: str):
    """`{% rendition image spec as img %}`: like Wagtail's `{% image %}`, but the
    spec may be a variable, so one figure include serves every size. Uses renditions
    prefetched with `prefetch_renditions()` when they are there."""
    if not image:
        return None
    return image.get_rendition(filter_spec)
