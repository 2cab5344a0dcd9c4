"""E-invoices: every invoice PDF is a hybrid e-invoice (Factur-X / ZUGFeRD, profile
EN 16931, XML embedded in a PDF/A-3); business buyers with a VAT ID can download an
XRechnung (CII). The XML is validated against the schema `factur-x` ships and its
totals are checked against the invoice."""

import io
import re
from decimal import Decimal as D

import facturx
import pikepdf
import pytest
from lxml import etree
from oscar.core.loading import get_model
from pypdf import PdfReader

from shop import invoices, lifecycle, vat
from tests.flows.checkout import ADDRESS, add_to_basket, as_guest, place_order

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db
NS = facturx.get_xml_namespaces("factur-x")
VALID_VAT_ID = "DE123456788"


def _xml(pdf: bytes) -> etree._Element:
    name, xml = facturx.get_xml_from_pdf(pdf, check_xsd=False)
    assert name == "factur-x.xml"
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    return etree.fromstring(xml)


def _amount(root, path: str) -> D:
    return D(root.findtext(path, namespaces=NS))


SUM = (
    "rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeSettlement/"
    "ram:SpecifiedTradeSettlementHeaderMonetarySummation/"
)


@pytest.fixture
def mixed_order(client, ids, django_capture_on_commit_callbacks):
    for pk in (ids.book, ids.course, ids.pdf_product):
        add_to_basket(client, pk)
    as_guest(client)
    client.post("/shop/checkout/shipping-address/", ADDRESS)
    client.post("/shop/checkout/shipping-method/", {"method_code": "de-standard"})
    client.post("/shop/checkout/payment-method/", {"method": "test"})
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client, early_delivery="on", waiver="on")
    return Order.objects.get(guest_email="leser@test.example")


def test_the_invoice_pdf_is_a_pdf_a3_carrying_valid_en16931_xml(mixed_order):
    pdf = invoices.invoice_pdf(mixed_order.invoice)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        meta = document.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert "factur-x.xml" in document.attachments
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert f"Rechnung {mixed_order.invoice.label}" in text

    root = _xml(pdf)
    assert (
        root.findtext(
            ".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS
        )
        == "urn:cen.eu:en16931:2017"
    )
    assert (
        root.findtext("rsm:ExchangedDocument/ram:ID", namespaces=NS)
        == mixed_order.invoice.label
    )
    assert root.findtext("rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "380"
    # The totals are the invoice's.
    assert (
        _amount(root, SUM + "ram:GrandTotalAmount")
        == mixed_order.total_incl_tax
        == D("52.78")
    )
    rates = {r.percent: r for r in vat.order_breakdown(mixed_order)}
    taxes = root.findall(
        ".//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax", namespaces=NS
    )
    assert len(taxes) == len(rates) == 2
    for tax in taxes:
        rate = rates[tax.findtext("ram:RateApplicablePercent", namespaces=NS)]
        assert D(tax.findtext("ram:CalculatedAmount", namespaces=NS)) == rate.tax
        assert D(tax.findtext("ram:BasisAmount", namespaces=NS)) == rate.net
    assert _amount(root, SUM + "ram:TaxTotalAmount") == sum(
        r.tax for r in rates.values()
    )
    line_totals = [
        D(x.text)
        for x in root.findall(
            ".//ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount",
            namespaces=NS,
        )
    ]
    assert sum(line_totals) == _amount(root, SUM + "ram:LineTotalAmount")
    assert _amount(root, SUM + "ram:DuePayableAmount") == 0
    names = [
        x.text
        for x in root.findall(".//ram:SpecifiedTradeProduct/ram:Name", namespaces=NS)
    ]
    assert "Sicher ankommen" in names and "Versand innerhalb Deutschlands" in names


def test_a_cancellation_invoice_is_a_credit_note_naming_the_invoice(
    mixed_order, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.order_refunded(order_number=mixed_order.number)
    correction = mixed_order.invoice.corrections.get()
    root = _xml(invoices.correction_pdf(correction))
    assert root.findtext("rsm:ExchangedDocument/ram:TypeCode", namespaces=NS) == "381"
    assert (
        root.findtext(
            ".//ram:InvoiceReferencedDocument/ram:IssuerAssignedID", namespaces=NS
        )
        == mixed_order.invoice.label
    )
    assert _amount(root, SUM + "ram:GrandTotalAmount") == correction.total_gross


def test_a_business_buyer_gives_a_vat_id_and_gets_an_xrechnung(
    client, ids, django_capture_on_commit_callbacks
):
    add_to_basket(client, ids.pdf_product)
    as_guest(client, "einkauf@firma.example")
    page = client.get("/shop/checkout/payment-method/").content.decode()
    assert "Wohnsitzland" in page and "USt-IdNr." in page
    wrong = client.post(
        "/shop/checkout/payment-method/",
        {"method": "test", "country": "DE", "company": "Firma GmbH", "vat_id": "DE123"},
    )
    assert wrong.status_code == 200
    assert "keine gültige USt-IdNr." in wrong.content.decode()
    assert 'value="Firma GmbH"' in wrong.content.decode()
    client.post(
        "/shop/checkout/payment-method/",
        {
            "method": "test",
            "country": "DE",
            "company": "Firma GmbH",
            "vat_id": "de 123456788",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client, early_delivery="on", waiver="on")
    order = Order.objects.get(guest_email="einkauf@firma.example")
    assert (order.buyer_company, order.buyer_vat_id) == ("Firma GmbH", VALID_VAT_ID)

    status = client.get("/shop/checkout/thank-you/").content.decode()
    link = re.search(r'href="(/shop/invoices/[^"]+/xrechnung/[^"]*)"', status).group(1)
    response = client.get(link.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = etree.fromstring(response.content)
    assert facturx.xml_check_xsd(response.content, flavor="factur-x", level="en16931")
    assert "xrechnung_3.0" in root.findtext(
        ".//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID", namespaces=NS
    )
    buyer = root.find(".//ram:BuyerTradeParty", namespaces=NS)
    assert buyer.findtext("ram:Name", namespaces=NS) == "Firma GmbH"
    assert (
        buyer.findtext("ram:SpecifiedTaxRegistration/ram:ID", namespaces=NS)
        == VALID_VAT_ID
    )
    text = "".join(
        p.extract_text()
        for p in PdfReader(io.BytesIO(invoices.invoice_pdf(order.invoice))).pages
    )
    assert "Firma GmbH" in text and f"USt-IdNr. des Kunden: {VALID_VAT_ID}" in text


def test_a_consumer_has_no_xrechnung_and_the_country_is_kept(
    client, ids, django_capture_on_commit_callbacks
):
    add_to_basket(client, ids.pdf_product)
    as_guest(client)
    client.post("/shop/checkout/payment-method/", {"method": "test", "country": "AT"})
    with django_capture_on_commit_callbacks(execute=True):
        place_order(client, early_delivery="on", waiver="on")
    order = Order.objects.get(guest_email="leser@test.example")
    assert order.buyer_country == "AT"
    assert client.get(f"/shop/invoices/{order.number}/xrechnung/").status_code == 404
