"""Orders placed per second: eight buyers at once, each in a thread of its own with
its own database connection, walking the whole guest purchase of an article PDF
through the test payment (add to basket, e-mail, payment method, review, order
button, thank-you page) with Django's test client against the bench database.
Run by `bench/run.py`; prints one JSON object.

Mails and invoices are queued for the worker (TASKS_BACKEND=database), as in
production; what is measured is the reader's side of the checkout.
"""

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connections
from django.test import Client
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
BUYERS = int(os.environ.get("BUYERS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WAIVER = {"early_delivery": "on", "waiver": "on"}


def purchase(client: Client, product_id: int, email: str) -> None:
    steps = [
        client.post(f"/shop/basket/add/{product_id}/", {"quantity": 1}),
        client.post("/shop/checkout/", {"username": email, "options": "anonymous"}),
        client.post("/shop/checkout/payment-method/", {"method": "test"}),
        client.post("/shop/checkout/preview/", {"action": "place_order", **WAIVER}),
    ]
    if not steps[-1].get("Location", "").endswith("/shop/checkout/thank-you/"):
        raise RuntimeError(f"order not placed: {[s.status_code for s in steps]}")
    if client.get("/shop/checkout/thank-you/").status_code != 200:
        raise RuntimeError("no thank-you page")


def main() -> None:
    product = (
        Product.objects.filter(is_public=True, product_class__slug="artikel-pdf")
        .order_by("pk")
        .first()
    )
    barrier = threading.Barrier(BUYERS)
    durations: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def buyer(index: int) -> None:
        barrier.wait()
        deadline = time.monotonic() + SECONDS
        number = 0
        try:
            while time.monotonic() < deadline:
                started = time.monotonic()
                try:
                    purchase(
                        Client(), product.pk, f"kauf-{index}-{number}@bench.example"
                    )
                except Exception as error:  # noqa: BLE001  (counted, reported)
                    with lock:
                        failures.append(str(error)[:200])
                else:
                    with lock:
                        durations.append(time.monotonic() - started)
                number += 1
        finally:
            connections.close_all()

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(BUYERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(durations)
    print(  # noqa: T201
        json.dumps(
            {
                "buyers": BUYERS,
                "orders": len(durations),
                "failed": len(failures),
                "first_failure": failures[0] if failures else "",
                "seconds": elapsed,
                "orders_per_s": len(durations) / elapsed,
                "p50_ms": 1000 * statistics.median(ordered) if ordered else 0,
                "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))]
                if ordered
                else 0,
            }
        )
    )


if __name__ == "__main__":
    main()
