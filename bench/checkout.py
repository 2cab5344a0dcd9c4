"""Orders placed per second: eight buyers at once, each a thread of its own with
its own cookies, walking the whole guest purchase of an article PDF through the
test payment (add to basket, e-mail, payment method, order button, thank-you
page) over HTTP against the bench's gunicorn (two sync workers, as every page is
measured). Run by `bench/run.py` with the server's URL; prints one JSON object.

Then one more purchase in this process, with Django's test client, to count the
order button's queries as a live site sends them (no test transaction around).

Mails and invoices are queued for the worker (TASKS_BACKEND=database), as in
production; what is measured is the reader's side of the checkout.
"""

import json
import os
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
BUYERS = int(os.environ.get("BUYERS", "8"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
WAIVER = {"early_delivery": "on", "waiver": "on"}
THANKS = "/shop/checkout/thank-you/"


def purchase(base: str, product_id: int, email: str) -> None:
    """One reader's purchase, as a browser sends it (a CSRF cookie and token)."""
    session = requests.Session()
    token = secrets.token_hex(16)
    session.cookies.set("csrftoken", token)
    session.headers["X-CSRFToken"] = token
    steps = [
        (f"/shop/basket/add/{product_id}/", {"quantity": 1}),
        ("/shop/checkout/", {"username": email, "options": "anonymous"}),
        ("/shop/checkout/payment-method/", {"method": "test"}),
        ("/shop/checkout/preview/", {"action": "place_order", **WAIVER}),
    ]
    answers = [
        session.post(base + path, data=data, allow_redirects=False, timeout=30)
        for path, data in steps
    ]
    if not answers[-1].headers.get("Location", "").endswith(THANKS):
        raise RuntimeError(f"order not placed: {[a.status_code for a in answers]}")
    if session.get(base + THANKS, timeout=30).status_code != 200:
        raise RuntimeError("no thank-you page")


def order_button_queries(product_id: int) -> int:
    """SQL statements of one order button press, in this process, against the
    bench database as a live site sends them."""
    client = Client()
    client.post(f"/shop/basket/add/{product_id}/", {"quantity": 1})
    client.post(
        "/shop/checkout/",
        {"username": "zaehlung@bench.example", "options": "anonymous"},
    )
    client.post("/shop/checkout/payment-method/", {"method": "test"})
    with CaptureQueriesContext(connection) as captured:
        answer = client.post(
            "/shop/checkout/preview/", {"action": "place_order", **WAIVER}
        )
    if not answer.get("Location", "").endswith(THANKS):
        raise RuntimeError(f"order not placed: {answer.status_code}")
    # Counted as Django's query budgets count them: the statements that read or
    # write, not the BEGIN and COMMIT around each transaction.
    return len(
        [
            query
            for query in captured.captured_queries
            if query["sql"] not in ("BEGIN", "COMMIT")
            and not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        ]
    )


def main() -> None:
    base = sys.argv[1].rstrip("/")
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
                    purchase(base, product.pk, f"kauf-{index}-{number}@bench.example")
                except Exception as error:  # noqa: BLE001  (counted, reported)
                    with lock:
                        failures.append(str(error)[:200])
                else:
                    with lock:
                        durations.append(time.monotonic() - started)
                number += 1
        finally:
            connections.close_all()

    # A fresh server's first requests load templates, translations and the
    # payment types: two purchases per worker first, untimed, as readers before
    # the measured ones would have made.
    warmers = [
        threading.Thread(
            target=purchase, args=(base, product.pk, f"warm-{n}@bench.example")
        )
        for n in range(4)
    ]
    for thread in warmers:
        thread.start()
    for thread in warmers:
        thread.join()
    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(BUYERS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(durations)
    order_button_queries(product.pk)  # the process's first payment looks up its types
    queries = order_button_queries(product.pk)
    print(  # noqa: T201
        json.dumps(
            {
                "buyers": BUYERS,
                "orders": len(durations),
                "failed": len(failures),
                "first_failure": failures[0] if failures else "",
                "seconds": elapsed,
                "orders_per_s": len(durations) / elapsed,
                "order_button_queries": queries,
                "p50_ms": 1000 * statistics.median(ordered) if ordered else 0,
                "p95_ms": 1000 * ordered[int(0.95 * (len(ordered) - 1))]
                if ordered
                else 0,
            }
        )
    )


if __name__ == "__main__":
    main()
