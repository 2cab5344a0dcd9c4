"""VAT of mixed baskets to the cent: per rate, shipping following the goods, on the
review page and on the invoice alike."""

import io
from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop import invoices, vat
from tests.flows.checkout import (
    ADDRESS,
    WAIVER,
    add_to_basket,
    as_guest,
    choose_payment,
)

Order = get_model("order", "Order")


def test_shipping_split_over_rates_keeps_every_cent():
    shares = vat.split_shipping(
        D("3.90"),
        [
            vat.Amount(D("0.07"), D("20.00"), shipped=True),
            vat.Amount(D("0.19"), D("10.00"), shipped=True),
            vat.Amount(D("0.19"), D("99.00"), shipped=False),
        ],
    )
    assert shares == {D("0.07"): D("2.60"), D("0.19"): D("1.30")}
    odd = vat.split_shipping(
        D("1.00"),
        [
            vat.Amount(D("0.07"), D("1.00"), shipped=True),
            vat.Amount(D("0.19"), D("1.00"), shipped=True),
            vat.Amount(D("0.00"), D("1.00"), shipped=True),
        ],
    )
    assert sum(odd.values()) == D("1.00")


def test_breakdown_rounds_once_per_rate():
    lines = vat.breakdown(
        [vat.Amount(D("0.19"), D("0.99")) for _ in range(3)]
        + [vat.Amount(D("0.07"), D("3.99"))]
    )
    nineteen, seven = lines
    assert (nineteen.gross, nineteen.net, nineteen.tax) == (
        D("2.97"),
        D("2.50"),
        D("0.47"),
    )
    assert (seven.gross, seven.net, seven.tax) == (D("3.99"), D("3.73"), D("0.26"))


@pytest.mark.django_db
def test_mixed_basket_to_the_cent(client, ids, django_capture_on_commit_callbacks):
    """Book 24,90 (7 %, shipped), eCourse 19,99 (19 %), article PDF 3,99 (7 %):
    goods 48,88 € stay under the free-shipping line, so 3,90 € shipping at 7 %."""
    for pk in (ids.book, ids.course, ids.pdf_product):
        add_to_basket(client, pk)
    as_guest(client)
    client.post("/shop/checkout/shipping-address/", ADDRESS)
    client.post("/shop/checkout/shipping-method/", {"method_code": "de-standard"})
    choose_payment(client)
    page = client.get("/shop/checkout/preview/")
    rates = {line.rate: line for line in page.context["rates"]}
    assert rates[D("0.07")].gross == D("32.79")
    assert rates[D("0.07")].tax == D("2.15")
    assert rates[D("0.19")].gross == D("19.99")
    assert rates[D("0.19")].tax == D("3.19")
    html = page.content.decode()
    assert "enthaltene MwSt. 7 %" in html and "2,15" in html
    assert "enthaltene MwSt. 19 %" in html and "3,19" in html
    assert "52,78" in html

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/shop/checkout/preview/", {"action": "place_order", **WAIVER})
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.total_incl_tax == D("52.78")
    pdf = PdfReader(io.BytesIO(invoices.invoice_pdf(order.invoice)))
    text = "".join(page.extract_text() for page in pdf.pages)
    text = text.replace("\xa0", " ")
    assert "Rechnung RE-" in text
    assert "MwSt. 7 %" in text and "2,15 €" in text
    assert "MwSt. 19 %" in text and "3,19 €" in text
    assert "Nettobetrag zu 7 % MwSt." in text and "30,64 €" in text
    assert "USt-IdNr.: DE999999999" in text
    assert "ISBN 9783000000017" in text  # the book's, not the PDF's number


@pytest.mark.django_db
def test_shipping_is_free_above_the_threshold(client, ids):
    add_to_basket(client, ids.book)
    client.post("/shop/basket/", {})  # nothing changes
    basket_page = client.get("/shop/basket/")
    line = basket_page.context["basket"].all_lines()[0]
    client.post(
        "/shop/basket/",
        {
            "form-TOTAL_FORMS": 1,
            "form-INITIAL_FORMS": 1,
            "form-MIN_NUM_FORMS": 0,
            "form-MAX_NUM_FORMS": 1000,
            "form-0-id": line.pk,
            "form-0-quantity": 3,
        },
    )
    as_guest(client)
    client.post("/shop/checkout/shipping-address/", ADDRESS)
    page = client.get("/shop/checkout/shipping-method/")
    method = page.context["methods"][0]
    assert method["method"].code == "de-free"
    assert method["charge"].incl_tax == D("0.00")
