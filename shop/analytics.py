"""Product statistics counted without database writes on the request.

Oscar writes an analytics row on every product page view (which also kept the page
out of any cache) and one per order line when an order is placed. Here both add to
counters in the shared cache, and a task run every minute (core.schedule) moves the
counts into Oscar's `ProductRecord`, so the dashboard's figures stay, a little later.
"""

from django.core.cache import cache
from django.db.models import F
from oscar.core.loading import get_model

FIELDS = {"views": "num_views", "purchases": "num_purchases"}


def _key(kind: str, product_id: int) -> str:
    return f"product-{kind}:{product_id}"


def _index(kind: str) -> str:
    return f"product-{kind}:index"


def _count(kind: str, product_id: int, amount: int = 1) -> None:
    key = _key(kind, product_id)
    if cache.add(key, amount, timeout=None):
        ids = cache.get(_index(kind)) or set()
        ids.add(product_id)
        cache.set(_index(kind), ids, timeout=None)
        return
    try:
        cache.incr(key, amount)
    except ValueError:  # gone between add and incr
        cache.add(key, amount, timeout=None)


def view_record(product_id: int) -> None:
    _count("views", product_id)


def purchases_record(order) -> None:
    """Oscar's `order_placed` statistics, per product, without a write per line."""
    for line in order.lines.all():
        if line.product_id:
            _count("purchases", line.product_id, line.quantity)


def _flush(kind: str) -> int:
    ProductRecord = get_model("analytics", "ProductRecord")
    field = FIELDS[kind]
    moved = 0
    for product_id in sorted(cache.get(_index(kind)) or set()):
        key = _key(kind, product_id)
        count = cache.get(key) or 0
        if not count:
            continue
        try:
            cache.decr(key, count)
        except ValueError:
            continue
        updated = ProductRecord.objects.filter(product_id=product_id).update(
            **{field: F(field) + count}
        )
        if not updated:
            record, created = ProductRecord.objects.get_or_create(
                product_id=product_id, defaults={field: count}
            )
            if not created:
                ProductRecord.objects.filter(pk=record.pk).update(
                    **{field: F(field) + count}
                )
        moved += count
    return moved


def views_flush() -> int:
    """Move the counted views and purchases into `ProductRecord`; returns how many
    product views were moved."""
    _flush("purchases")
    return _flush("views")
