"""The withdrawal function (§ 356a BGB): a footer link on every page, usable without
an account; the contract named by order number and e-mail or picked in the
account; a second step "Widerruf bestätigen"; a confirmation mail with date and
time at once; staff see it on the order and in a list; the order follows (refund,
downloads closed); where the right has expired after the § 356(5) waiver, the page
says so, why, and cites the ledger entry."""

import re
from decimal import Decimal as D

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model

from consent.models import ConsentRecord
from delivery.editions import edition_render
from delivery.links import grant_path
from delivery.models import Grant
from shop.models import InvoiceCorrection
from tests.flows.checkout import ADDRESS, guest_buys
from tests.shop.fake_stripe import FakeStripe
from withdrawals import services
from withdrawals.models import Withdrawal

Order = get_model("order", "Order")
OrderNote = get_model("order", "OrderNote")

pytestmark = pytest.mark.django_db
EMAIL = "leser@test.example"


@pytest.fixture
def buy(client, django_capture_on_commit_callbacks):
    def buy(*pks, method="test", address=None):
        with django_capture_on_commit_callbacks(execute=True):
            guest_buys(client, *pks, method=method, address=address)
        mail.outbox.clear()
        return Order.objects.get(guest_email=EMAIL)

    return buy


def _staff(admin_user) -> Client:
    """The shop manager, in a browser of their own (the reader's `client` is a
    guest)."""
    staff = Client()
    staff.force_login(admin_user)
    return staff


def _download(client, order) -> None:
    """The buyer downloads the PDF once: the delivery of digital content begins.
    The edition is rendered first if the worker has not yet (on PostgreSQL an
    edition of the same revision can be waiting from a test that committed)."""
    grant = Grant.objects.select_related("edition").get(line__order=order)
    if not grant.is_ready:
        edition_render(grant.edition_id)
    response = client.get(grant_path(grant))
    assert response.status_code == 200
    b"".join(response.streaming_content)


def _find(reader: Client, number: str, email: str = EMAIL):
    return reader.post(
        "/vertrag-widerrufen/",
        {"name": "Lena Sommer", "number": number, "email": email},
    )


def _confirm(reader: Client, review, capture):
    token = re.search(r'name="token" value="([^"]+)"', review.content.decode())
    with capture(execute=True):
        return reader.post(
            "/vertrag-widerrufen/bestaetigen/", {"token": token.group(1)}
        )


def test_every_page_links_the_withdrawal_function(client, ids):
    html = client.get("/").content.decode()
    assert '<a href="/vertrag-widerrufen/">Vertrag widerrufen</a>' in html
    page = Client().get("/vertrag-widerrufen/")
    assert page.status_code == 200
    assert "Bestellnummer" in page.content.decode()


def test_a_guest_withdraws_from_an_undelivered_pdf_and_the_order_follows(
    buy, ids, admin_user, django_capture_on_commit_callbacks
):
    order = buy(ids.pdf_product)
    reader = Client()
    wrong = _find(reader, order.number, "jemand@test.example")
    assert wrong.status_code == 404
    assert "Wir finden keine Bestellung" in wrong.content.decode()
    # The form keeps what was typed.
    assert f'value="{order.number}"' in wrong.content.decode()

    review = _find(reader, order.number, EMAIL.upper())
    html = review.content.decode()
    assert review.status_code == 200
    assert f"Bestellung {order.number} widerrufen" in html
    assert "Widerruf bestätigen" in html and "Der erste Tag" in html

    receipt = _confirm(reader, review, django_capture_on_commit_callbacks)
    assert receipt.status_code == 302
    page = reader.get(receipt["Location"]).content.decode()
    withdrawal = Withdrawal.objects.get(order=order)
    local = withdrawal.declared_at.astimezone()
    assert "Ihr Widerruf ist eingegangen" in page
    assert local.strftime("%H:%M") in page

    confirmation = next(
        m for m in mail.outbox if "Bestätigung Ihres Widerrufs" in m.subject
    )
    assert confirmation.to == [EMAIL]
    body = confirmation.body.replace("\xa0", " ")
    assert f"um {local:%H:%M} Uhr" in body and "Der erste Tag" in body
    refund = next(m for m in mail.outbox if m.subject.startswith("Erstattung"))
    assert refund.attachments[0][0].startswith("Rechnungskorrektur-RE-")

    order.refresh_from_db()
    assert order.status == Order.REFUNDED
    assert Grant.objects.get(line__order=order).revoked_at is not None
    assert InvoiceCorrection.objects.get(invoice__order=order).reason == "withdrawal"
    assert withdrawal.state == Withdrawal.State.REFUND_BY_TRANSFER
    assert withdrawal.amount == D("3.99")
    assert OrderNote.objects.filter(
        order=order, message__startswith="Widerruf erklärt"
    ).exists()

    # Staff: the list, and the transfer recorded.
    listing = _staff(admin_user).get("/admin/withdrawals/").content.decode()
    assert order.number in listing and "Erstattung per Überweisung offen" in listing
    _staff(admin_user).post(
        f"/admin/withdrawals/{withdrawal.pk}/",
        {"action": "transferred", "reference": "Überweisung 12.12."},
    )
    withdrawal.refresh_from_db()
    assert withdrawal.state == Withdrawal.State.REFUNDED
    # A second declaration finds nothing left.
    again = _find(reader, order.number)
    assert "nichts mehr, das Sie widerrufen können" in again.content.decode()
    assert "Widerruf bestätigen" not in again.content.decode()


def test_after_download_with_the_waiver_the_page_says_why_and_cites_the_ledger(
    buy, client, ids, django_capture_on_commit_callbacks
):
    order = buy(ids.pdf_product)
    _download(client, order)
    record = ConsentRecord.objects.get(
        scope=order.number, purpose=ConsentRecord.Purpose.WITHDRAWAL_WAIVER
    )
    reader = Client()
    review = _find(reader, order.number)
    html = review.content.decode()
    assert "Ihr Widerrufsrecht für diesen Artikel ist erloschen" in html
    assert "§ 356 Abs. 5 BGB" in html
    assert f"Eintrag Nr. {record.pk}" in html
    assert "Widerruf bestätigen" not in html
    assert not Withdrawal.objects.exists()


def test_without_the_waiver_a_download_keeps_the_right(
    client, ids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        guest_buys(client, ids.pdf_product)
    order = Order.objects.get(guest_email=EMAIL)
    _download(client, order)
    ConsentRecord.objects.filter(scope=order.number).delete()
    review = _find(Client(), order.number)
    assert "Widerruf bestätigen" in review.content.decode()


def test_a_book_waits_for_its_parcel_and_the_downloaded_pdf_stays(
    buy, client, ids, admin_user, django_capture_on_commit_callbacks
):
    order = buy(ids.book, ids.pdf_product, address=ADDRESS)
    _download(client, order)
    reader = Client()
    review = _find(reader, order.number)
    html = review.content.decode()
    assert "Sicher ankommen" in html or "bitte an uns zurücksenden" in html
    assert "erloschen" in html
    _confirm(reader, review, django_capture_on_commit_callbacks)
    withdrawal = Withdrawal.objects.get(order=order)
    assert withdrawal.state == Withdrawal.State.AWAITING_RETURN
    assert not InvoiceCorrection.objects.exists()
    assert len(withdrawal.refused) == 1 and withdrawal.refused[0]["record"]

    with django_capture_on_commit_callbacks(execute=True):
        _staff(admin_user).post(
            f"/admin/withdrawals/{withdrawal.pk}/", {"action": "returned"}
        )
    withdrawal.refresh_from_db()
    correction = InvoiceCorrection.objects.get(invoice__order=order)
    # The book and its postage come back, the downloaded PDF does not.
    assert correction.total_gross == order.total_incl_tax - D("3.99")
    assert withdrawal.amount == correction.total_gross
    assert withdrawal.state == Withdrawal.State.REFUND_BY_TRANSFER
    assert Grant.objects.get(line__order=order).revoked_at is None
    assert Order.objects.get(pk=order.pk).status == Order.PAID


def test_an_unpaid_order_is_cancelled(buy, ids, django_capture_on_commit_callbacks):
    order = buy(ids.pdf_product, method="prepayment")
    reader = Client()
    _confirm(reader, _find(reader, order.number), django_capture_on_commit_callbacks)
    assert Order.objects.get(pk=order.pk).status == Order.CANCELLED
    assert Withdrawal.objects.get().state == Withdrawal.State.CANCELLED


def test_a_signed_in_reader_picks_the_order_in_the_account(
    client, ids, django_user_model, django_capture_on_commit_callbacks
):
    user = django_user_model.objects.create_user(
        email="konto@test.example", password="x-geheim-123"
    )
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/shop/basket/add/{ids.pdf_product}/", {"quantity": 1})
        client.post("/shop/checkout/payment-method/", {"method": "test"})
        client.post(
            "/shop/checkout/preview/",
            {"action": "place_order", "early_delivery": "on", "waiver": "on"},
        )
    order = Order.objects.get(user=user)
    start = client.get(
        f"/vertrag-widerrufen/?bestellung={order.number}"
    ).content.decode()
    assert f'value="{order.number}"' in start and "checked" in start
    review = client.post(
        "/vertrag-widerrufen/", {"name": "Konto Leser", "order": order.number}
    )
    assert "Widerruf bestätigen" in review.content.decode()
    _confirm(client, review, django_capture_on_commit_callbacks)
    assert Withdrawal.objects.get().email == "konto@test.example"
    # Another reader's order cannot be picked.
    other = client.post("/vertrag-widerrufen/", {"name": "X", "order": "100"})
    assert other.status_code == 400


def test_a_forged_or_stale_token_withdraws_nothing(client, ids):
    response = client.post("/vertrag-widerrufen/bestaetigen/", {"token": "x:y:z"})
    assert response.status_code == 400
    assert "abgelaufen" in response.content.decode()
    assert not Withdrawal.objects.exists()


def test_a_stripe_payment_goes_back_through_stripe_once(
    settings, client, ids, django_capture_on_commit_callbacks
):
    with FakeStripe() as fake:
        settings.STRIPE_SECRET_KEY = "sk_test_local"
        settings.STRIPE_API_BASE = fake.base
        with django_capture_on_commit_callbacks(execute=True):
            response = guest_buys(client, ids.pdf_product, method="stripe")
        session_id = response["Location"].rsplit("/", 1)[-1]
        session = fake.pay(session_id)
        from shop import lifecycle

        order = Order.objects.get(guest_email=EMAIL)
        lifecycle.order_paid(
            order_number=order.number,
            method="stripe",
            reference=session["payment_intent"],
        )
        fake.fail_refund = True
        with django_capture_on_commit_callbacks(execute=True):
            withdrawal = services.withdrawal_declare(
                order=order, name="Lena Sommer", email=EMAIL
            )
        withdrawal.refresh_from_db()
        assert withdrawal.state == Withdrawal.State.REFUND_FAILED
        fake.fail_refund = False
        with django_capture_on_commit_callbacks(execute=True):
            assert services.refund_retry(withdrawal)
        withdrawal.refresh_from_db()
        assert withdrawal.state == Withdrawal.State.REFUNDED
        assert [r["amount"] for r in fake.refunds] == [399]
        assert withdrawal.refund_reference == fake.refunds[0]["id"]
