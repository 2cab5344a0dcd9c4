"""Oscar's basket middleware, loading a filled basket's vouchers once.

The offers, the basket page and the order button each list the basket's vouchers
(`basket.vouchers.all()`); loaded with the basket, they cost one query per request
instead of one per use. Django forgets the list when a voucher is added or removed.
"""

from django.db.models import prefetch_related_objects
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware


class BasketMiddleware(OscarBasketMiddleware):
    def get_basket(self, request):
        basket = super().get_basket(request)
        if basket.pk is not None and not basket.is_empty:
            prefetch_related_objects([basket], "vouchers")
        return basket
