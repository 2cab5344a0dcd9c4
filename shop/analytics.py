"""Product views counted without a database write on the request.

Oscar writes an analytics row on every product page view, which also kept the page
out of any cache. Here a view adds one to a counter in the shared cache, and a task
run every minute (core.schedule) moves the counts into Oscar's `ProductRecord`, so
the dashboard's figures stay, a little later.
"""

from django.core.cache import cache
from django.db.models import F
from oscar.core.loading import get_model

PREFIX = "product-views:"
INDEX = "product-views:index"


def view_record(product_id: int) -> None:
    key = f"{PREFIX}{product_id}"
    if cache.add(key, 1, timeout=None):
        ids = cache.get(INDEX) or set()
        ids.add(product_id)
        cache.set(INDEX, ids, timeout=None)
    else:
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=None)


def views_flush() -> int:
    """Move the counted views into `ProductRecord`; returns how many were moved."""
    ProductRecord = get_model("analytics", "ProductRecord")
    ids = cache.get(INDEX) or set()
    moved = 0
    for product_id in sorted(ids):
        key = f"{PREFIX}{product_id}"
        count = cache.get(key) or 0
        if not count:
            continue
        try:
            cache.decr(key, count)
        except ValueError:
            continue
        updated = ProductRecord.objects.filter(product_id=product_id).update(
            num_views=F("num_views") + count
        )
        if not updated:
            ProductRecord.objects.get_or_create(
                product_id=product_id, defaults={"num_views": count}
            )
        moved += count
    return moved
