"""VAT on digital goods sold to consumers in other EU countries (§ 3a(5) UStG,
One-Stop-Shop).

Below the EUR 10,000 threshold everything is taxed as in Germany. Above it (the
publisher's "OSS" setting) a PDF, an e-book or a course sold to a consumer in
another member state carries that state's rate: the reduced rate for electronic
publications where the state has one (Directive (EU) 2022/542 lets states tax
e-books like printed ones), its standard rate for courses (electronically
supplied services). Printed books, business buyers with a VAT ID, and German
buyers are unchanged.

The net price stays what the publisher set for Germany; the gross price follows
the country, shown once the country is known (the address, or the country of
residence asked in the checkout).
"""

from decimal import Decimal

from publisher.selectors import publisher_data

D = Decimal

#: The member states' rates in percent: (standard, electronic publications).
#: Source: European Commission, "VAT rates applied in the Member States of the
#: European Union" and the Taxes in Europe Database (TEDB), as of 1 July 2025,
#: with the changes announced for 2026 that were known on the date below. A
#: publisher switching OSS on checks them against TEDB first; a change is one line.
RATES_SOURCE = (
    "Europäische Kommission, „VAT rates applied in the Member States of the "
    "European Union“ und Taxes in Europe Database (TEDB), Stand 1. Juli 2025"
)
RATES_AS_OF = "2025-07-01"
RATES = {
    "AT": (D("20"), D("10")),
    "BE": (D("21"), D("6")),
    "BG": (D("20"), D("9")),
    "CY": (D("19"), D("3")),
    "CZ": (D("21"), D("0")),
    "DE": (D("19"), D("7")),
    "DK": (D("25"), D("25")),
    "EE": (D("24"), D("9")),
    "ES": (D("21"), D("4")),
    "FI": (D("25.5"), D("14")),
    "FR": (D("20"), D("5.5")),
    "GR": (D("24"), D("6")),
    "HR": (D("25"), D("5")),
    "HU": (D("27"), D("5")),
    "IE": (D("23"), D("0")),
    "IT": (D("22"), D("4")),
    "LT": (D("21"), D("9")),
    "LU": (D("17"), D("3")),
    "LV": (D("21"), D("12")),
    "MT": (D("18"), D("5")),
    "NL": (D("21"), D("9")),
    "PL": (D("23"), D("5")),
    "PT": (D("23"), D("6")),
    "RO": (D("21"), D("11")),
    "SE": (D("25"), D("6")),
    "SI": (D("22"), D("5")),
    "SK": (D("23"), D("5")),
}
#: Product class kinds that are digital goods, and which rate each takes.
DIGITAL_KINDS = {"article_pdf": 1, "ebook": 1, "course": 0}


def oss_active() -> bool:
    """Whether the publisher is over the threshold (one dict read, no query)."""
    return bool(publisher_data().get("oss"))


def rate_for(product_class, country: str, *, business: bool = False) -> Decimal:
    """The VAT rate (as a fraction, 0.07) a product of this class carries for a
    buyer in `country`."""
    home = product_class.vat_rate_decimal
    kind = getattr(product_class, "kind", "")
    if (
        business
        or not country
        or country == "DE"
        or kind not in DIGITAL_KINDS
        or country not in RATES
        or not oss_active()
    ):
        return home
    return RATES[country][DIGITAL_KINDS[kind]] / 100


def tax_code(country: str, rate: Decimal) -> str:
    """How an order line records a foreign rate: "AT:0.1" (empty for Germany)."""
    return f"{country}:{rate.normalize():f}" if country and country != "DE" else ""


def rate_of_code(code: str) -> tuple[str, Decimal] | None:
    """The country and rate an order line recorded, or None."""
    if not code or ":" not in code:
        return None
    country, rate = code.split(":", 1)
    return country, Decimal(rate)
