"""Template filters used on every kind of page."""

from django import template
from wagtail.rich_text import RichText

from core.sanitize import clean_html as clean_plain_html
from core.sanitize import render_rich_text

register = template.Library()


@register.filter
def clean_richtext(value):
    """Like Wagtail's `richtext`, with the result cleaned (`core.sanitize`)."""
    if value is None:
        return ""
    source = value.source if isinstance(value, RichText) else str(value)
    return render_rich_text(source)


@register.filter
def clean_html(value):
    """HTML from outside Wagtail's editor (product and category descriptions),
    cleaned with an allow-list (`core.sanitize.clean_html`)."""
    return clean_plain_html(str(value or ""))


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key`, for dicts keyed by ids."""
    return mapping.get(key) if mapping else None
