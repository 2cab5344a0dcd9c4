"""Declaring a withdrawal, and what the order does then.

`withdrawal_declare` records the declaration with the moment it arrived, notes it
on the order (the shop dashboard shows it), mails the reader a confirmation at
once, and starts what follows:
- an order still waiting for its payment is cancelled;
- digital lines (PDFs, e-books, courses) are refunded at once through the order
  lifecycle: their downloads close, their courses end, a cancellation invoice is
  issued and mailed;
- goods lines wait for the parcel to come back (§ 357(4) BGB lets the seller hold
  the refund until then); a shop manager completes them (`withdrawal_complete`);
- the money goes back when nothing is left to wait for: through Stripe's API for
  card payments (a task, retried by staff if Stripe fails), or by a transfer the
  shop manager makes and records (`refund_transferred`).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from oscar.core.loading import get_model

from mail.compose import Kind, message_build
from mail.later import composer, mail_queue
from shop import lifecycle
from shop.models import InvoiceCorrection
from shop.payments import refunds

from . import selectors, tasks
from .models import Withdrawal

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")


class NothingToWithdraw(Exception):
    """Every line of the order is refunded, withdrawn or past its right."""


@transaction.atomic
def withdrawal_declare(
    *, order, name: str, email: str, user=None, ip_address: str | None = None
) -> Withdrawal:
    """Record the reader's withdrawal from `order` and set what follows going."""
    order = Order.objects.select_for_update(of=("self",)).get(pk=order.pk)
    rights = selectors.line_rights(order)
    chosen = [right for right in rights if right.withdrawable]
    if not chosen:
        raise NothingToWithdraw(order.number)
    withdrawal = Withdrawal.objects.create(
        order=order,
        name=name,
        email=email,
        user=user if getattr(user, "is_authenticated", False) else None,
        declared_at=timezone.now(),
        line_ids=[right.line.pk for right in chosen],
        items=[
            {
                "title": right.line.title,
                "quantity": right.line.quantity,
                "shipped": right.shipped,
            }
            for right in chosen
        ],
        refused=[
            {
                "title": right.line.title,
                "reason": right.reason,
                "record": right.record.pk if right.record else None,
            }
            for right in rights
            if not right.withdrawable
        ],
        state=Withdrawal.State.AWAITING_RETURN,
        ip_address=ip_address,
    )
    with override("de"):
        OrderNote.objects.create(
            order=order,
            note_type="System",
            message=_("Withdrawal declared on %(date)s for: %(items)s")
            % {
                "date": timezone.localtime(withdrawal.declared_at).strftime(
                    "%d.%m.%Y %H:%M"
                ),
                "items": "; ".join(item["title"] for item in withdrawal.items),
            },
        )
    if order.status in (Order.PENDING_PAYMENT, Order.AWAITING_TRANSFER):
        lifecycle.order_cancelled(order_number=order.number)
        withdrawal.state = Withdrawal.State.CANCELLED
        withdrawal.save(update_fields=["state"])
    else:
        digital = [right.line.pk for right in chosen if not right.shipped]
        if digital:
            lifecycle.order_refunded(
                order_number=order.number, line_ids=digital, reason="withdrawal"
            )
        if not any(right.shipped for right in chosen):
            _money_back(withdrawal)
    mail_queue(withdrawal_confirmation, withdrawal_id=withdrawal.pk)
    return withdrawal


@transaction.atomic
def withdrawal_complete(withdrawal: Withdrawal) -> bool:
    """The goods came back: refund their lines (cancellation invoice, mail) and
    the money. False if the withdrawal is not waiting for a return."""
    withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal.pk)
    if withdrawal.state != Withdrawal.State.AWAITING_RETURN:
        return False
    lifecycle.order_refunded(
        order_number=withdrawal.order.number,
        line_ids=withdrawal.line_ids,
        reason="withdrawal",
    )
    _money_back(withdrawal)
    return True


def _amount(withdrawal: Withdrawal) -> Decimal:
    """What the withdrawal's cancellation invoices credit the reader."""
    wanted = set(withdrawal.line_ids)
    corrections = InvoiceCorrection.objects.filter(
        invoice__order_id=withdrawal.order_id,
        reason=InvoiceCorrection.Reason.WITHDRAWAL,
    )
    return sum(
        (c.total_gross for c in corrections if set(c.line_ids) <= wanted),
        Decimal("0.00"),
    )


def _money_back(withdrawal: Withdrawal) -> None:
    withdrawal.amount = _amount(withdrawal)
    if not withdrawal.amount:
        withdrawal.state = Withdrawal.State.REFUNDED
        withdrawal.refunded_at = timezone.now()
    elif refunds.refund_by_api(withdrawal.order):
        withdrawal.state = Withdrawal.State.REFUNDING
        pk = withdrawal.pk
        transaction.on_commit(lambda: tasks.refund_execute.enqueue(pk))
    else:
        withdrawal.state = Withdrawal.State.REFUND_BY_TRANSFER
    withdrawal.save(update_fields=["amount", "state", "refunded_at"])


def refund_retry(withdrawal: Withdrawal) -> bool:
    """Staff try a failed Stripe refund again (the same idempotency key)."""
    changed = Withdrawal.objects.filter(
        pk=withdrawal.pk, state=Withdrawal.State.REFUND_FAILED
    ).update(state=Withdrawal.State.REFUNDING)
    if changed:
        transaction.on_commit(lambda: tasks.refund_execute.enqueue(withdrawal.pk))
    return bool(changed)


def refund_transferred(withdrawal: Withdrawal, *, reference: str = "") -> bool:
    """A shop manager transferred the money back and records it."""
    return bool(
        Withdrawal.objects.filter(
            pk=withdrawal.pk, state=Withdrawal.State.REFUND_BY_TRANSFER
        ).update(
            state=Withdrawal.State.REFUNDED,
            refund_reference=reference[:255],
            refunded_at=timezone.now(),
        )
    )


@composer
def withdrawal_confirmation(*, withdrawal_id: int):
    """The confirmation on a durable medium (§ 356a(3) BGB): when the withdrawal
    arrived, what it covers and what it could not cover, in the order's language."""
    withdrawal = (
        Withdrawal.objects.select_related("order").filter(pk=withdrawal_id).first()
    )
    if withdrawal is None:
        return None
    order = withdrawal.order
    return message_build(
        template="withdrawals/mail/confirmation",
        to=withdrawal.email,
        kind=Kind.ORDER,
        language=order.language,
        context={"withdrawal": withdrawal, "order": order},
    )
