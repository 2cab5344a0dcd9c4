"""Delivery follows the order's status: paid opens the download grants (and queues
the renders), cancelled or refunded revokes them."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from . import services


@receiver(order_status_changed, dispatch_uid="delivery-order-status")
def grants_follow_order(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status == order.PAID:
        services.grants_for_paid_order(order)
    elif new_status in (order.CANCELLED, order.REFUNDED):
        services.grants_revoke(order)
