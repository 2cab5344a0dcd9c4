"""VAT on digital goods sold to consumers in other EU countries (§ 3a(5) UStG,
One-Stop-Shop): above the threshold PDFs, e-books and courses carry the rate of the
buyer's country (the reduced e-publication rate where there is one), gross prices
follow once the country is known, the country is stored, and the quarter's OSS
report lists the sales per country and rate. Below it nothing changes."""

import re
from decimal import Decimal as D

import pytest
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Site

from publisher.models import PublisherSettings
from shop import oss, reports
from tests.flows.checkout import ADDRESS, add_to_basket, as_guest, place_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def oss_on(db):
    settings = PublisherSettings.for_site(Site.objects.get(is_default_site=True))
    settings.oss = True
    settings.save()
    assert oss.oss_active()
    return settings


def _buy(client, capture, *pks, country="AT", vat_id="", address=None):
    for pk in pks:
        add_to_basket(client, pk)
    as_guest(client)
    if address is not None:
        client.post("/shop/checkout/shipping-address/", address)
        page = client.get("/shop/checkout/shipping-method/")
        if page.status_code == 200:  # one method only: Oscar chooses it itself
            code = page.context["methods"][0]["method"].code
            client.post("/shop/checkout/shipping-method/", {"method_code": code})
    data = {"method": "test", "country": country}
    if vat_id:
        data.update(company="Firma GmbH", vat_id=vat_id)
    client.post("/shop/checkout/payment-method/", data)
    preview = client.get("/shop/checkout/preview/").content.decode()
    with capture(execute=True):
        place_order(client, early_delivery="on", waiver="on")
    return preview, Order.objects.filter(guest_email="leser@test.example").latest("pk")


def test_the_table_holds_the_27_member_states_with_its_source():
    assert len(oss.RATES) == 27
    assert oss.RATES["DE"] == (D("19"), D("7"))
    assert "TEDB" in oss.RATES_SOURCE and oss.RATES_AS_OF


def test_below_the_threshold_everything_stays_german(
    client, ids, django_capture_on_commit_callbacks
):
    preview, order = _buy(client, django_capture_on_commit_callbacks, ids.pdf_product)
    assert order.buyer_country == "AT"
    assert order.total_incl_tax == D("3.99")
    assert order.lines.get().tax_code in ("", None)
    assert "inkl. 7 % MwSt." in preview


def test_above_it_an_austrian_reader_pays_austrian_vat(
    client, ids, oss_on, django_capture_on_commit_callbacks
):
    # PDF: net 3,73 at the e-publication rate of 10 % = 4,10; course: net 16,80
    # at the standard rate of 20 % = 20,16.
    preview, order = _buy(
        client, django_capture_on_commit_callbacks, ids.pdf_product, ids.course
    )
    assert "inkl. 10 % MwSt." in preview and "inkl. 20 % MwSt." in preview
    text = preview.replace("\xa0", " ")
    assert "4,10 €" in text and "20,16 €" in text
    assert order.buyer_country == "AT"
    assert order.total_incl_tax == D("24.26")
    codes = sorted(order.lines.values_list("tax_code", flat=True))
    assert codes == ["AT:0.1", "AT:0.2"]

    import io

    from pypdf import PdfReader

    from shop import invoices

    pdf = invoices.invoice_pdf(order.invoice)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "MwSt. 10 %" in text and "MwSt. 20 %" in text

    today = timezone.localdate()
    rows = reports.oss_quarter(year=today.year, quarter=(today.month - 1) // 3 + 1)
    assert [(r.country, r.percent, r.net, r.vat, r.gross) for r in rows] == [
        ("AT", "10", D("3.73"), D("0.37"), D("4.10")),
        ("AT", "20", D("16.80"), D("3.36"), D("20.16")),
    ]


def test_printed_books_german_buyers_and_businesses_are_unchanged(
    client, ids, oss_on, django_capture_on_commit_callbacks
):
    _preview, order = _buy(
        client,
        django_capture_on_commit_callbacks,
        ids.pdf_product,
        vat_id="ATU12345675",
    )
    assert order.total_incl_tax == D("3.99")
    from django.test import Client

    _preview, order = _buy(
        Client(),
        django_capture_on_commit_callbacks,
        ids.book,
        address={**ADDRESS, "country": "AT", "postcode": "1010", "line4": "Wien"},
    )
    line = order.lines.get()
    assert order.buyer_country == "AT" and not line.tax_code
    assert line.line_price_incl_tax == D("24.90")


def test_the_quarterly_report_downloads_as_csv(
    client, admin_client, ids, oss_on, django_capture_on_commit_callbacks
):
    from django.test import Client

    reader = Client()
    _buy(reader, django_capture_on_commit_callbacks, ids.pdf_product, country="FR")
    today = timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    page = admin_client.get(f"/admin/reports/oss/?year={today.year}&quarter={quarter}")
    assert page.status_code == 200 and "FR" in page.content.decode()
    csv = admin_client.get(
        f"/admin/reports/oss/?year={today.year}&quarter={quarter}&format=csv"
    )
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode().replace("\r\n", "\n")
    assert body.splitlines()[0] == "Land;Steuersatz %;Netto EUR;USt EUR;Brutto EUR"
    # France: e-publications 5.5 %: 3,73 net → 3,94 gross.
    assert re.search(r"^FR;5,5;3,73;0,21;3,94$", body, re.M), body
