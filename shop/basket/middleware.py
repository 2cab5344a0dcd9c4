"""Oscar's basket middleware, loading what the basket's pages read anyway.

- A filled basket comes with its vouchers: the offers, the basket page and the
  order button each list them (`basket.vouchers.all()`), one query per request
  instead of one per use. Django forgets the list when a voucher is added or
  removed.
- On the basket page and in the checkout, which show or check every line, the
  lines are loaded before the offers ask whether the basket is empty: that
  answer then costs no query of its own.
"""

from django.db.models import prefetch_related_objects
from django.urls import reverse
from oscar.apps.basket.middleware import BasketMiddleware as OscarBasketMiddleware


def _reads_every_line(path: str) -> bool:
    return path == reverse("basket:summary") or path.startswith(
        reverse("checkout:index")
    )


class BasketMiddleware(OscarBasketMiddleware):
    def get_basket(self, request):
        basket = super().get_basket(request)
        if basket.pk is None:
            return basket
        if _reads_every_line(request.path):
            list(basket.all_lines())
        if not basket.is_empty:
            prefetch_related_objects([basket], "vouchers")
        return basket
