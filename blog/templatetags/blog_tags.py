"""Template filters of the magazine's pages."""

from django import template

register = template.Library()


@register.filter
def part_minutes(part) -> int:
    """A series part's reading time, from its body (loaded with the parts)."""
    from blog.landing import part_minutes as minutes

    return minutes(part)
