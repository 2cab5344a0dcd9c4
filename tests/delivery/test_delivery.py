"""Delivery: the PDF of the revision bought, rendered once, stamped per copy, behind
signed, expiring, limited links; revoked on cancellation."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model
from pypdf import PdfReader

from blog.models import ArticlePage
from delivery.models import Delivery, Edition, Grant
from tests.flows.checkout import guest_buys

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def bought(client, ids, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    return Order.objects.get(guest_email="leser@test.example")


def test_paid_order_gets_a_grant_and_the_rendered_revision(bought, article):
    line = bought.lines.get()
    assert line.page_revision_ids == [article.live_revision_id]
    grant = Grant.objects.get(line=line)
    assert grant.max_downloads == 5 and grant.downloads_used == 0
    edition = grant.edition
    assert edition.status == Edition.Status.READY
    assert edition.revision_ids == [article.live_revision_id]
    assert edition.file.read().startswith(b"%PDF")
    with pytest.raises(Exception):  # noqa: B017  (no public URL at all)
        edition.file.storage.url(edition.file.name)


def test_download_is_the_buyers_copy_of_the_revision_bought(client, bought, article):
    thanks = client.get("/shop/checkout/thank-you/").content.decode()
    path = re.search(r'href="(/shop/downloads/[^"]+/)"', thanks).group(1)
    # The page changes after the purchase: the buyer still gets what was bought.
    article.title = "Ein ganz anderer Titel"
    article.save_revision().publish()
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = b"".join(response.streaming_content)
    text = _text(data).replace("\xa0", " ")
    assert f"Bestellung {bought.number}" in text
    assert "leser@test.example" in text
    assert "Der erste Tag" in text and "Ein ganz anderer Titel" not in text
    delivery = Delivery.objects.get(grant__line__order=bought)
    import hashlib

    assert delivery.sha256 == hashlib.sha256(data).hexdigest()
    assert (
        PdfReader(io.BytesIO(data)).metadata["/Subject"]
        == f"Bestellung {bought.number}"
    )


def test_links_are_limited_signed_and_revoked(client, bought):
    grant = Grant.objects.get(line__order=bought)
    from delivery.links import grant_path

    path = grant_path(grant)
    tampered = path[:-3] + "xx/"
    assert client.get(tampered).status_code == 404
    Grant.objects.filter(pk=grant.pk).update(max_downloads=1)
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 410
    Grant.objects.filter(pk=grant.pk).update(max_downloads=5)
    assert client.get(path).status_code == 200
    from delivery import services

    services.grants_revoke(order=bought)
    assert client.get(path).status_code == 410


def test_payment_received_mail_carries_the_link(bought):
    paid = next(m for m in mail.outbox if m.subject.startswith("Zahlung"))
    assert "/shop/downloads/" in paid.body


def test_guest_asks_for_the_links_again_with_the_same_answer(bought):
    answers = []
    for email, number in (
        ("leser@test.example", bought.number),
        ("fremd@test.example", bought.number),
        ("leser@test.example", "999999"),
    ):
        page = Client().post(
            "/shop/downloads/links/", {"email": email, "number": number}, follow=True
        )
        html = re.sub(
            r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode()
        )
        # The footer form's signed stamp carries the second it was made.
        html = re.sub(r'name="stamp" value="[^"]+"', "", html)
        answers.append(re.sub(r"\s+", " ", html))
    assert answers[0] == answers[1] == answers[2]
    assert (
        sum(
            1
            for m in mail.outbox
            if "/shop/downloads/" in m.body and m.to == ["leser@test.example"]
        )
        >= 2
    )


def test_locked_fetcher_fetches_nothing_outside_the_project():
    from core import pdf

    html = (
        "<html><body><p>x</p>"
        '<img src="file:///etc/passwd">'
        '<img src="http://169.254.169.254/latest/meta-data/">'
        '<img src="https://example.com/tracker.png">'
        '<link rel="stylesheet" href="file:///etc/passwd">'
        "</body></html>"
    )
    fetched = []
    fetcher = pdf._fetcher()
    for url in (
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/tracker.png",
        pdf.BASE_URL + "static/../../etc/passwd",
    ):
        try:
            fetcher.fetch(url)
            fetched.append(url)
        except ValueError:
            pass
    assert fetched == []
    assert pdf.render(html).startswith(b"%PDF")
    assert fetcher.fetch(pdf.BASE_URL + "static/fonts/DejaVuSerif.ttf").status == 200


def test_a_render_over_its_memory_limit_fails_as_out_of_memory():
    """In a fresh worker process (a long test session keeps freed memory mapped,
    which a forked child could reuse unseen): the child may map 60 MB more than
    the worker, and laying out three hundred thousand words needs far more."""
    import subprocess
    import sys
    from pathlib import Path

    worker = (
        "import resource\n"
        "from core import pdf\n"
        "pdf.render_limited('<p>warm</p>', seconds=60)\n"
        "with open('/proc/self/statm') as statm:\n"
        "    mapped = int(statm.read().split()[0]) * resource.getpagesize() // 2**20\n"
        "try:\n"
        "    pdf.render_limited('<p>' + 'Wort ' * 300_000 + '</p>',"
        " memory_mb=mapped + 60, seconds=60)\n"
        "    print('rendered')\n"
        "except pdf.RenderFailed as error:\n"
        "    print(error)\n"
    )
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    done = subprocess.run(
        [sys.executable, str(manage), "shell", "-c", worker],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "out of memory" in done.stdout, done.stdout + done.stderr[-2000:]


def test_running_out_of_address_space_is_told_apart_from_an_engine_error():
    from core.pdf import _out_of_memory

    assert _out_of_memory(MemoryError())
    assert _out_of_memory(SystemError("error return without exception set"))
    assert _out_of_memory(ImportError("x.so: failed to map segment from shared object"))
    assert not _out_of_memory(ValueError("unsupported image"))
    assert not _out_of_memory(OSError("No such file or directory"))


def test_a_render_past_its_deadline_is_stopped_in_time():
    import time

    from core import pdf

    long_text = "<p>" + "Wort " * 200_000 + "</p>"  # many seconds of layout
    started = time.monotonic()
    with pytest.raises(pdf.RenderFailed, match="longer than 0.5 s"):
        pdf.render_limited(long_text, seconds=0.5)
    assert time.monotonic() - started < 5  # killed, not waited for


def test_a_render_within_its_limits_gives_the_pdf():
    from core import pdf

    data = pdf.render_limited("<h1>Probe</h1>", seconds=60)
    assert data.startswith(b"%PDF-")


def test_two_downloads_at_the_last_allowance_give_exactly_one():
    """Real threads on PostgreSQL, in the committed copy of the test database."""
    from datetime import timedelta

    from django.utils import timezone

    from delivery import services
    from tests import threads

    if not threads.available():
        pytest.skip("real concurrency is tested on PostgreSQL (SQLite has one writer)")

    def setup():
        from oscar.test.factories import create_order

        order = create_order()
        grant = Grant.objects.create(
            line=order.lines.first(),
            expires_at=timezone.now() + timedelta(days=1),
            max_downloads=3,
            downloads_used=2,
        )
        return grant.pk

    grant_pk = threads.in_copy(setup)
    outcomes = threads.run_concurrently(
        [lambda: services.download_take(Grant.objects.get(pk=grant_pk))] * 2
    )
    assert sorted(outcomes) == [False, True]
    assert threads.in_copy(lambda: Grant.objects.get(pk=grant_pk).downloads_used) == 3


def test_account_lists_my_downloads(
    client, ids, django_user_model, django_capture_on_commit_callbacks
):
    from tests.flows.checkout import (
        WAIVER,
        add_to_basket,
        choose_payment,
        place_order,
    )

    reader = django_user_model.objects.create_user(email="k@test.example", password="x")
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, ids.pdf_product)
        client.get("/shop/checkout/")
        choose_payment(client)
        place_order(client, **WAIVER)
    page = client.get("/shop/downloads/")
    html = page.content.decode()
    assert "Meine Downloads" in html
    assert re.search(r'href="/shop/downloads/[^"]+/">Herunterladen', html)
    assert (
        client.get("/shop/accounts/profile/").content.decode().count("Meine Downloads")
        == 1
    )


def test_render_waits_for_the_worker_and_the_page_asks_again(
    client, ids, settings, django_capture_on_commit_callbacks
):
    """With the real queue, the request only enqueues; the page says "wird
    vorbereitet" and refreshes itself until the worker has rendered."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    if True:
        with django_capture_on_commit_callbacks(execute=True):
            guest_buys(client, ids.pdf_product)
        grant = Grant.objects.get(line__product_id=ids.pdf_product)
        assert grant.edition.status == Edition.Status.PENDING
        thanks = client.get("/shop/checkout/thank-you/")
        assert thanks["Refresh"] == "5"
        assert "wird vorbereitet" in thanks.content.decode()
        from delivery.links import grant_path

        waiting = client.get(grant_path(grant))
        assert waiting.status_code == 202 and waiting["Refresh"] == "5"
        from delivery.tasks import edition_render

        edition_render.call(grant.edition_id)  # what the worker does
        thanks = client.get("/shop/checkout/thank-you/")
        assert "Refresh" not in thanks
        assert client.get(grant_path(grant)).status_code == 200


def test_series_pdf_holds_its_parts_with_a_table_of_contents(
    client, ids, series, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.series_pdf)
    grant = Grant.objects.get(line__product_id=ids.series_pdf)
    parts = ArticlePage.objects.child_of(series).live().order_by("path")
    assert grant.edition.revision_ids == [series.live_revision_id] + [
        part.live_revision_id for part in parts
    ]
    text = _text(grant.edition.file.read()).replace("\xa0", " ")
    assert "Inhalt" in text
    for part in parts:
        assert part.title in text


def test_ebook_pdf_is_stamped_on_every_page(
    client, ids, django_capture_on_commit_callbacks
):
    from core import pdf
    from delivery.models import EbookFile

    book = pdf.render("<p>Seite eins</p><p style='break-before: page'>Seite zwei</p>")
    ebook = EbookFile.objects.get(product_id=ids.ebook)
    ebook.kind, ebook.size = "pdf", len(book)
    ebook.file.save("buch.pdf", io.BytesIO(book), save=False)
    ebook.save()
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.ebook)
    order = Order.objects.get(guest_email="leser@test.example")
    path = re.search(
        r'href="(/shop/downloads/[^"]+/)"',
        client.get("/shop/checkout/thank-you/").content.decode(),
    ).group(1)
    data = b"".join(client.get(path).streaming_content)
    pages = PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 2
    for page in pages:
        assert f"Bestellung {order.number}" in page.extract_text()


def test_product_sets_its_own_limits_and_links_expire(
    client, ids, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from django.utils import timezone

    from delivery.links import grant_path

    Product = get_model("catalogue", "Product")
    Product.objects.filter(pk=ids.pdf_product).update(download_days=3, download_limit=2)
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    grant = Grant.objects.get(line__product_id=ids.pdf_product)
    assert grant.max_downloads == 2
    assert (
        timedelta(days=2, hours=23)
        < grant.expires_at - timezone.now()
        <= timedelta(days=3)
    )
    Grant.objects.filter(pk=grant.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    page = client.get(grant_path(grant))
    assert page.status_code == 410
    assert "abgelaufen" in page.content.decode()


def test_a_lost_render_is_made_again(
    client, bought, django_capture_on_commit_callbacks
):
    from delivery.links import grant_path

    grant = Grant.objects.get(line__order=bought)
    grant.edition.file.delete(save=False)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = client.get(grant_path(grant))
    assert waiting.status_code == 202
    assert client.get(grant_path(grant)).status_code == 200


def test_a_render_is_queued_once_per_edition_not_once_per_sale(
    client, ids, settings, django_capture_on_commit_callbacks
):
    """Eight readers buying a new article at once want one render, not eight: a
    later sale of the same revision queues nothing while the first render is
    pending or done, and queues again only after a render failed."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }

    def renders_queued() -> int:
        return DBTaskResult.objects.filter(task_path__endswith="edition_render").count()

    def buy(email: str) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            guest_buys(Client(), ids.pdf_product, email=email)

    buy("erste@test.example")
    assert renders_queued() == 1
    buy("zweite@test.example")  # the first render is still pending
    assert renders_queued() == 1
    edition = Grant.objects.filter(line__product_id=ids.pdf_product).first().edition
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.READY)
    buy("dritte@test.example")
    assert renders_queued() == 1
    Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.FAILED)
    buy("vierte@test.example")
    assert renders_queued() == 2
    assert Grant.objects.filter(edition=edition).count() == 4
