"""Delivery figures (run by `bench/run.py`; prints one JSON object):

- rendering a 20-page article in a warm worker (in-process, and under the engine's
  limits in a forked child), and the child's peak memory;
- stamping the cached render alone, and stamping and delivering it: one download
  request, first byte to last, through Django's test client;
- eight clients downloading stamped copies at once.

It keeps one long article ("bench-artikel-20-seiten", sold as PDF) in the bench
database, and buys it once per run.
"""

import json
import os
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TASKS_BACKEND"] = "immediate"

import django

django.setup()

from decimal import Decimal

from django.db import connections
from django.test import Client
from oscar.core.loading import get_model

from blog.models import ArticlePage, BlogIndexPage
from core import pdf
from delivery import editions
from delivery.links import grant_path
from delivery.models import Edition, Grant
from delivery.stamp import stamp_pdf

Product = get_model("catalogue", "Product")

SECONDS = float(os.environ.get("BENCH_SECONDS", "5"))
SLUG = "bench-artikel-20-seiten"
PARAGRAPH = (
    "<p>Wer im ersten Gespräch nach der Probezeit sein Gehalt anspricht, sollte "
    "wissen, was die eigene Arbeit im Unternehmen bewirkt hat, welche Aufgaben "
    "hinzugekommen sind und was vergleichbare Stellen in der Region einbringen. "
    "Arbeitsvertragsverhandlungen gelingen, wenn beide Seiten Zahlen kennen.</p>"
)


def long_article() -> ArticlePage:
    page = ArticlePage.objects.filter(slug=SLUG).first()
    if page is None:
        index = BlogIndexPage.objects.first()
        body = []
        for section in range(1, 21):
            body.append(
                ("heading_block", {"text": f"Abschnitt {section}", "level": "h2"})
            )
            body += [("paragraph_block", PARAGRAPH)] * 8
        page = ArticlePage(
            title="Langer Artikel für die Messung",
            slug=SLUG,
            lead="Zwanzig Seiten über Gehaltsgespräche.",
            body=body,
            sell_as_pdf=True,
            pdf_price=Decimal("4.99"),
        )
        index.add_child(instance=page)
    if not page.live or not Product.objects.filter(page=page).exists():
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def main() -> None:
    page = long_article()
    edition = Edition(revision_ids=[page.live_revision_id], title=page.title)
    html = editions.edition_html(edition)
    pdf.render(html)  # warm: fonts, hyphenation dictionaries
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        data = pdf.render(html)
        timings.append(time.perf_counter() - started)
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(data)).pages)
    started = time.perf_counter()
    pdf.render_limited(html)
    limited = time.perf_counter() - started
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    client = Client()
    product_id = Product.objects.get(page=page).pk
    client.post(f"/shop/basket/add/{product_id}/", {"quantity": 1})
    client.post(
        "/shop/checkout/", {"username": "bench@bench.example", "options": "anonymous"}
    )
    client.post("/shop/checkout/payment-method/", {"method": "test"})
    client.post(
        "/shop/checkout/preview/",
        {"action": "place_order", "early_delivery": "on", "waiver": "on"},
    )
    grant = Grant.objects.filter(line__product_id=product_id).latest("pk")
    Grant.objects.filter(pk=grant.pk).update(max_downloads=10**9)
    path = grant_path(grant)

    def fetch(http: Client) -> int:
        response = http.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"download answered {response.status_code}")
        return sum(len(chunk) for chunk in response.streaming_content)

    for _ in range(5):  # warm; a render made again first answers 202
        try:
            fetch(client)
            break
        except RuntimeError:
            time.sleep(0.5)
    stamps = []
    edition = Grant.objects.select_related("edition").get(pk=grant.pk).edition
    with edition.file.open("rb") as source:
        rendered = source.read()
    for _ in range(10):
        started = time.perf_counter()
        stamp_pdf(rendered, footer="Exemplar für die Messung", metadata={"Title": "x"})
        stamps.append(time.perf_counter() - started)
    deliveries = []
    for _ in range(10):
        started = time.perf_counter()
        fetch(client)
        deliveries.append(time.perf_counter() - started)

    done: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(8)

    def downloader() -> None:
        http = Client()
        barrier.wait()
        deadline = time.monotonic() + SECONDS
        try:
            while time.monotonic() < deadline:
                started = time.perf_counter()
                try:
                    fetch(http)
                except Exception as error:  # noqa: BLE001  (counted)
                    with lock:
                        errors.append(str(error)[:200])
                else:
                    with lock:
                        done.append(time.perf_counter() - started)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=downloader) for _ in range(8)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    render_s = statistics.median(timings)
    deliver_ms = 1000 * statistics.median(deliveries)
    print(  # noqa: T201
        json.dumps(
            {
                "pages": pages,
                "render_s": render_s,
                "render_limited_s": limited,
                "render_peak_mb": child_peak_mb,
                "deliver_ms": deliver_ms,
                "stamp_ms": 1000 * statistics.median(stamps),
                "speedup": render_s * 1000 / deliver_ms,
                "concurrent_downloads_per_s": len(done) / elapsed,
                "concurrent_p50_ms": 1000 * statistics.median(done) if done else 0,
                "concurrent_errors": len(errors),
                "first_error": errors[0] if errors else "",
            }
        )
    )


if __name__ == "__main__":
    main()
