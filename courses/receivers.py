"""Enrolment follows the order's status: paid enrols, cancelled or refunded ends."""

from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from . import services


@receiver(order_status_changed, dispatch_uid="courses-order-status")
def enrolment_follows_order(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status == order.PAID:
        services.enrolments_for_paid_order(order)
    elif new_status in (order.CANCELLED, order.REFUNDED):
        services.enrolments_end(order)
