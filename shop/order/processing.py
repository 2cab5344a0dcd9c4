"""Oscar's order event handler, with the payment states taken through the one
locked path of `shop.payments.services`.

The dashboard changes an order's status through `handle_order_status_change` on an
order it read without a lock. Two shop managers (or one double click) marking a
transfer "Paid" at once both settled it: two payment sources of the full amount and
a 500 on the second invoice. "Paid", "Cancelled" and "Refunded" therefore go
through `order_pay`, `order_cancel` and `order_refund`, which lock the row and act
once; the second request is told the status no longer fits.
"""

from django.utils.translation import gettext as _
from oscar.apps.order import exceptions, processing

from shop.payments import services


def _pay(order) -> bool:
    return services.order_pay(
        order.number,
        method=order.payment_method or "prepayment",
        reference="dashboard",
    )


def _cancel(order) -> bool:
    return services.order_cancel(order.number)


def _refund(order) -> bool:
    return services.order_refund(order.number)


LOCKED_CHANGES = {"Paid": _pay, "Cancelled": _cancel, "Refunded": _refund}


class EventHandler(processing.EventHandler):
    def handle_order_status_change(self, order, new_status, note_msg=None):
        change = LOCKED_CHANGES.get(new_status)
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
