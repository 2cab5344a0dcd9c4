"""The downloads of an order in the shop dashboard (`order_grants`)."""

from django import template

from .. import selectors

register = template.Library()


@register.simple_tag
def order_grants(order) -> list:
    return selectors.order_grants(order)
