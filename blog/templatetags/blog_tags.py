"""Template filters of the magazine's pages."""

from django import template

register = template.Library()


@register.filter
def part_minutes(part) -> int:
    """A series part's reading time, from its stored body (no query)."""
    from blog.selectors import reading_minutes

    return reading_minutes(part)
