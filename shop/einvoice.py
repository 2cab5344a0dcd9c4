"""Hybrid e-invoices: every invoice PDF carries its Factur-X / ZUGFeRD XML
(profile EN 16931, UN/CEFACT CII) in a PDF/A-3, and business buyers with a VAT ID
can download the XRechnung (CII) alone.

The XML is built from the same figures the PDF prints: the lines' gross amounts,
and per VAT rate the net and tax worked out once from the rate's gross sum
(`shop.vat`). EN 16931 states line amounts net, so each rate's net is shared out
over its lines (the largest line takes the rounding cent) and their sum is exactly
the rate's taxable amount. Shipping is an invoice line per rate it is taxed at.
Every XML is checked against the schema `factur-x` ships before it leaves.

A cancellation invoice is a credit note (type 381) that names the invoice it
corrects (BG-3).
"""

from decimal import ROUND_HALF_UP, Decimal

import facturx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import override

from shop import vat
from shop.models import Invoice, InvoiceCorrection

CENT = Decimal("0.01")
LEVEL = "en16931"
XRECHNUNG_ID = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
# UNTDID 4461: how the invoice was paid.
PAYMENT_MEANS = {"stripe": "48", "prepayment": "58", "test": "1", "nothing": "1"}


def _money(amount: Decimal) -> str:
    return f"{Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP):f}"


def _share_out(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`total` split over `weights` in proportion, to the cent, summing exactly
    to `total` (the largest weight takes what rounding leaves)."""
    base = sum(weights)
    if not base:
        return [Decimal("0.00")] * len(weights)
    shares = [
        (total * w / base).quantize(CENT, rounding=ROUND_HALF_UP) for w in weights
    ]
    largest = max(range(len(weights)), key=lambda i: weights[i])
    shares[largest] += total - sum(shares)
    return shares


def _items(order, lines, shipping_shares: dict) -> list[dict]:
    """(title, quantity, rate, gross, upc) of every invoiced item, shipping too."""
    amounts = vat.order_amounts(order)
    items = [
        {
            "title": line.title,
            "quantity": line.quantity,
            "rate": amount.rate,
            "gross": amount.gross,
            "upc": line.upc
            if line.product and line.product.get_product_class().has_isbn
            else "",
        }
        for line, amount in zip(lines, amounts, strict=True)
    ]
    for rate, gross in sorted(shipping_shares.items(), reverse=True):
        items.append(
            {
                "title": str(order.shipping_method),
                "quantity": 1,
                "rate": rate,
                "gross": gross,
                "upc": "",
            }
        )
    return items


def _with_nets(items: list[dict], rates: list[vat.RateLine]) -> list[dict]:
    """Each item's net amount, shared out from its rate's net."""
    for rate_line in rates:
        group = [item for item in items if item["rate"] == rate_line.rate]
        for item, net in zip(
            group, _share_out(rate_line.net, [i["gross"] for i in group]), strict=True
        ):
            item["net"] = net
    return items


def _unit_price(item: dict) -> str:
    """The net price of one unit, to four decimals as EN 16931 allows."""
    return f"{(item['net'] / item['quantity']).quantize(Decimal('0.0001'))}"


def _seller(seller: dict) -> dict:
    return {
        "name": seller.get("legal_name") or seller.get("name", ""),
        "vat_identifier": seller.get("vat_id") or None,
        "legal_info": seller.get("register_entry") or None,
        "einvoicing_addr": seller.get("email") or None,
        "einvoicing_addr_schemeid": "EM" if seller.get("email") else None,
        "addr_l1": seller.get("street_address") or None,
        "postcode": seller.get("postcode") or None,
        "city": seller.get("city") or None,
        "country_code": _country_code(seller.get("country")),
        "contacts": [
            {
                "name": seller.get("managing_director") or seller.get("name", ""),
                "phone": seller.get("phone") or None,
                "email": seller.get("email") or None,
            }
        ],
    }


def _country_code(value) -> str:
    """The seller's country as ISO code; the settings hold a name or a code."""
    text = str(value or "").strip()
    if len(text) == 2:
        return text.upper()
    from shop.countries import EU_COUNTRIES

    with override("de"):
        for code, _a3, _num, name in EU_COUNTRIES:
            if str(name).lower() == text.lower():
                return code
    return "DE"


def _buyer(order) -> dict:
    address = order.billing_address or order.shipping_address
    name = order.buyer_company or (address.name if address else "") or order.email
    buyer = {
        "name": name,
        "vat_identifier": order.buyer_vat_id or None,
        "einvoicing_addr": order.email,
        "einvoicing_addr_schemeid": "EM",
        "country_code": (
            address.country.code if address is not None else order.buyer_country
        )
        or "DE",
    }
    if address is not None:
        buyer.update(
            addr_l1=address.line1 or None,
            addr_l2=address.line2 or None,
            postcode=address.postcode or None,
            city=address.line4 or None,
        )
    return buyer


def _document(
    *,
    number: str,
    type_code: str,
    issued,
    order,
    seller: dict,
    items: list[dict],
    rates: list[vat.RateLine],
    preceding: Invoice | None = None,
) -> dict:
    total_net = sum((rate.net for rate in rates), Decimal("0.00"))
    total_tax = sum((rate.tax for rate in rates), Decimal("0.00"))
    total = total_net + total_tax
    data = {
        "BT-1": number,
        "BT-2": timezone.localtime(issued).date(),
        "BT-3": type_code,
        "BT-5": order.currency,
        "BT-13": order.number,
        "BT-72": timezone.localtime(issued).date(),
        "BT-81": PAYMENT_MEANS.get(order.payment_method, "1"),
        "BT-106": _money(total_net),
        "BT-109": _money(total_net),
        "BT-110": _money(total_tax),
        "BT-112": _money(total),
        "BT-113": _money(total),
        "BT-115": "0.00",
        "BG-4": _seller(seller),
        "BG-7": _buyer(order),
        "BG-23": [
            {
                "BT-116": _money(rate.net),
                "BT-117": _money(rate.tax),
                "BT-118": "S",
                "BT-119": vat.percent(rate.rate),
            }
            for rate in rates
        ],
        "BG-25": [
            {
                "BT-126": str(index),
                "BT-129": str(item["quantity"]),
                "BT-130": "H87",
                "BT-131": _money(item["net"]),
                "BT-146": _unit_price(item),
                "BT-151": "S",
                "BT-152": vat.percent(item["rate"]),
                "BT-153": item["title"][:255],
                **(
                    {"BT-157": item["upc"].replace("-", ""), "BT-157-1": "0160"}
                    if item["upc"]
                    else {}
                ),
            }
            for index, item in enumerate(items, start=1)
        ],
    }
    if type_code == "381":
        data["BT-113"] = "0.00"
        data["BT-115"] = "0.00"
        data["BG-1"] = [{"BT-22": "Rechnungskorrektur (Storno)"}]
    if preceding is not None:
        data["BG-3"] = [
            {
                "BT-25": preceding.label,
                "BT-26": timezone.localtime(preceding.issued_at).date(),
            }
        ]
    return data


def invoice_data(invoice: Invoice) -> dict:
    """The invoice in EN 16931's business terms (a dict `factur-x` reads)."""
    order = invoice.order
    lines = list(order.lines.all())
    shares = vat.split_shipping(order.shipping_incl_tax, vat.order_amounts(order))
    rates = vat.order_breakdown(order)
    items = _with_nets(_items(order, lines, shares), rates)
    return _document(
        number=invoice.label,
        type_code="380",
        issued=invoice.issued_at,
        order=order,
        seller=invoice.seller,
        items=items,
        rates=rates,
    )


def correction_data(correction: InvoiceCorrection) -> dict:
    """The cancellation invoice as a credit note naming the invoice it corrects."""
    invoice = correction.invoice
    order = invoice.order
    rates = [
        vat.RateLine(rate=Decimal(r["percent"]) / 100, gross=Decimal(r["gross"]))
        for r in correction.rates
    ]
    items = [
        {
            "title": item["title"],
            "quantity": item["quantity"],
            "rate": Decimal(item["percent"].split(" / ")[0]) / 100,
            "gross": Decimal(item["gross"]),
            "upc": "",
        }
        for item in correction.items
    ]
    # A shipping item taxed at two rates is shown once in the PDF; here it is one
    # item per rate, as EN 16931 taxes each line at one rate.
    items = _split_mixed_shipping(items, correction)
    items = _with_nets(items, rates)
    return _document(
        number=correction.label,
        type_code="381",
        issued=correction.issued_at,
        order=order,
        seller=correction.seller,
        items=items,
        rates=rates,
        preceding=invoice,
    )


def _split_mixed_shipping(items: list[dict], correction: InvoiceCorrection) -> list:
    """A shipping item taxed at two rates (its percent reads "7 / 19") becomes one
    item per rate: each rate's share is what the rate's gross leaves after the
    goods of that rate."""
    rate_gross = {
        Decimal(r["percent"]) / 100: Decimal(r["gross"]) for r in correction.rates
    }
    stored = {i["title"]: i["percent"] for i in correction.items}
    split = []
    for item in items:
        percents = stored.get(item["title"], "").split(" / ")
        if len(percents) < 2:
            split.append(item)
            continue
        for percent in percents:
            rate = Decimal(percent) / 100
            goods = sum(
                (i["gross"] for i in items if i["rate"] == rate and i is not item),
                Decimal("0"),
            )
            split.append({**item, "rate": rate, "gross": rate_gross[rate] - goods})
    return split


def xml_build(data: dict, *, xrechnung: bool = False) -> bytes:
    """The CII XML of `data`, checked against the schema; XRechnung names its
    specification and process instead of Factur-X's EN 16931 profile."""
    xml = facturx.generate_cii_xml(
        data, level=LEVEL, check_xsd=True, check_schematron=False
    )
    if isinstance(xml, str):
        xml = xml.encode()
    if xrechnung:
        from lxml import etree

        root = etree.fromstring(xml)
        ns = facturx.get_xml_namespaces("factur-x")
        guideline = root.find(
            "rsm:ExchangedDocumentContext/ram:GuidelineSpecifiedDocumentContextParameter/ram:ID",
            namespaces=ns,
        )
        guideline.text = XRECHNUNG_ID
        context = root.find("rsm:ExchangedDocumentContext", namespaces=ns)
        if (
            context.find("ram:BusinessProcessSpecifiedDocumentContextParameter", ns)
            is None
        ):
            process = etree.Element(
                f"{{{ns['ram']}}}BusinessProcessSpecifiedDocumentContextParameter"
            )
            etree.SubElement(process, f"{{{ns['ram']}}}ID").text = PEPPOL_BILLING
            context.insert(0, process)
        xml = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        facturx.xml_check_xsd(xml, flavor="factur-x", level=LEVEL)
    return xml


def hybrid(pdf: bytes, xml: bytes, *, language: str = "") -> bytes:
    """The PDF/A-3 with the XML embedded as factur-x.xml, as Factur-X asks."""
    return facturx.generate_from_binary(
        pdf,
        xml,
        flavor="factur-x",
        level=LEVEL,
        check_xsd=False,
        lang=language or settings.LANGUAGE_CODE,
    )
