"""The refund of a withdrawal through Stripe, outside the request: a slow or
unreachable Stripe delays it and never loses the withdrawal."""

import stripe
from django.utils import timezone
from django_tasks import task

from shop.payments import refunds

from .models import Withdrawal


@task(queue_name="outside")
def refund_execute(withdrawal_id: int) -> str:
    """Ask Stripe for the money back. A failure is recorded for staff, who retry
    from the list (the same idempotency key, so nothing is paid twice)."""

    withdrawal = Withdrawal.objects.select_related("order").get(pk=withdrawal_id)
    if withdrawal.state not in (
        Withdrawal.State.REFUNDING,
        Withdrawal.State.REFUND_FAILED,
    ):
        return withdrawal.state
    try:
        reference = refunds.payment_refund(
            withdrawal.order,
            amount=withdrawal.amount,
            key=f"withdrawal-{withdrawal.pk}",
        )
    except (stripe.StripeError, ValueError) as error:
        Withdrawal.objects.filter(pk=withdrawal.pk).update(
            state=Withdrawal.State.REFUND_FAILED,
            refund_reference=str(error)[:255],
        )
        return Withdrawal.State.REFUND_FAILED
    Withdrawal.objects.filter(pk=withdrawal.pk).update(
        state=Withdrawal.State.REFUNDED,
        refund_reference=reference,
        refunded_at=timezone.now(),
    )
    return Withdrawal.State.REFUNDED
