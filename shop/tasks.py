"""Background work of the shop."""

from django.conf import settings
from django_tasks import task


@task()
def order_mail(order_id: int, kind: str) -> None:
    """Send one of the shop's mails to the reader (shop/mails.py)."""
    from shop import mails

    mails.order_mail_send(order_id, kind)


@task()
def prepayment_follow_up() -> dict:
    """Daily: remind readers of unpaid transfers, cancel the orders left unpaid."""
    from shop.payments import services

    return services.prepayment_reminders_and_cancellations(
        remind_after_days=settings.PREPAYMENT_REMINDER_DAYS,
        cancel_after_days=settings.PREPAYMENT_CANCEL_DAYS,
    )


@task()
def product_views_flush() -> int:
    """Every minute: move the product views counted in the cache to the dashboard's
    statistics (shop/analytics.py)."""
    from shop import analytics

    return analytics.views_flush()
