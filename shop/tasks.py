"""Background work of the shop: thin, each hands to a service."""

from django.conf import settings
from django_tasks import task

from shop import analytics, lifecycle


@task()
def prepayment_follow_up() -> dict:
    """Daily: remind readers of unpaid transfers, cancel the orders left unpaid."""
    return lifecycle.orders_unpaid_follow_up(
        remind_after_days=settings.PREPAYMENT_REMINDER_DAYS,
        cancel_after_days=settings.PREPAYMENT_CANCEL_DAYS,
    )


@task()
def product_views_flush() -> int:
    """Every minute: move the product views counted in the cache to the dashboard's
    statistics (shop/analytics.py)."""
    return analytics.views_flush()
