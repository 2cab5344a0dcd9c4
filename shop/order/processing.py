"""Oscar's order event handler: the dashboard's status changes go through the
order lifecycle (`shop/lifecycle.py`), the same functions a payment provider calls.

The dashboard changes an order's status through `handle_order_status_change` on an
order it read without a lock. Two shop managers (or one double click) marking a
transfer "Paid" at once would both settle it; the lifecycle locks the row and acts
once, and the second request is told the status no longer fits.
"""

from django.utils.translation import gettext as _
from oscar.apps.order import exceptions, processing

from shop import lifecycle

from .models import Order


def _pay(order) -> bool:
    return lifecycle.order_paid(
        order_number=order.number,
        method=order.payment_method or "prepayment",
        reference="dashboard",
    )


def _cancel(order) -> bool:
    return lifecycle.order_cancelled(order_number=order.number)


def _refund(order) -> bool:
    return lifecycle.order_refunded(order_number=order.number)


def _ship(order) -> bool:
    return lifecycle.order_shipped(order_number=order.number)


LIFECYCLE_CHANGES = {
    Order.PAID: _pay,
    Order.CANCELLED: _cancel,
    Order.REFUNDED: _refund,
    Order.SHIPPED: _ship,
}


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        change = LIFECYCLE_CHANGES.get(new_status)
        if change is None:
            return super().handle_order_status_change(order, new_status, note_msg)
        if not change(order):
            raise exceptions.InvalidOrderStatus(
                _("The order's status has changed in the meantime; nothing was done.")
            )
        order.refresh_from_db()
        if note_msg:
            self.create_note(order, note_msg)
        return None
