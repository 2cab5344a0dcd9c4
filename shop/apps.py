from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopConfig(AppConfig):
    """The shop's own pieces beside the Oscar forks in its sub-packages: the order
    lifecycle (`lifecycle.py`), payments, invoices and mails, product blocks,
    cards, SEO, the sitemap, template tags and the admin's shop menu."""

    name = "shop"
    label = "shop"
    verbose_name = _("Shop")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oscar.apps.analytics import receivers as oscar_analytics
        from oscar.apps.order.signals import order_placed

        from core import schedule

        from . import receivers

        # Oscar's statistics write one row per order line while the order is
        # placed; ours count in the cache (shop/analytics.py).
        order_placed.disconnect(oscar_analytics.receive_order_placed)
        order_placed.connect(receivers.order_placed_statistics, weak=False)
        from .tasks import prepayment_follow_up, product_views_flush

        schedule.register("prepayment-follow-up", prepayment_follow_up, daily_at_hour=6)
        schedule.register("product-views-flush", product_views_flush)
