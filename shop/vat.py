"""German VAT arithmetic for baskets, orders and invoices, to the cent.

Prices are gross (shop/partner/strategy.py). The VAT shown on the order page and on
the invoice is worked out once per rate from the gross sum of that rate, not summed
from rounded line taxes, as German invoices do (§ 14(4) No. 8 UStG: tax per rate).
Shipping is an ancillary service and follows the goods it carries: its charge is split
over the rates of the shipped lines in proportion to their value (the largest share
takes the rounding cent), so a parcel with only books carries 7 %.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shop import oss

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def vat_included(gross: Decimal, rate: Decimal) -> Decimal:
    """The VAT contained in a gross amount, rounded half-up to the cent."""
    net = (gross / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
    return gross - net


def percent(rate: Decimal) -> str:
    """A rate as printed: Decimal("0.07") -> "7"."""
    return f"{(rate * 100).normalize():f}"


@dataclass(frozen=True)
class RateLine:
    """One rate's share of a basket or order."""

    rate: Decimal
    gross: Decimal

    @property
    def tax(self) -> Decimal:
        return vat_included(self.gross, self.rate)

    @property
    def net(self) -> Decimal:
        return self.gross - self.tax

    @property
    def percent(self) -> str:
        return percent(self.rate)


@dataclass(frozen=True)
class Amount:
    """A gross amount at a rate, and whether it is shipped."""

    rate: Decimal
    gross: Decimal
    shipped: bool = False


def split_shipping(
    charge: Decimal, amounts: Iterable[Amount]
) -> dict[Decimal, Decimal]:
    """The shipping charge split over the rates of the shipped goods."""
    shipped: dict[Decimal, Decimal] = {}
    for amount in amounts:
        if amount.shipped:
            shipped[amount.rate] = shipped.get(amount.rate, ZERO) + amount.gross
    if not charge or not shipped:
        return {}
    base = sum(shipped.values())
    if not base:
        largest = max(shipped)
        return {largest: charge}
    shares = {
        rate: (charge * value / base).quantize(CENT, rounding=ROUND_HALF_UP)
        for rate, value in shipped.items()
    }
    largest = max(shipped, key=lambda rate: (shipped[rate], rate))
    shares[largest] += charge - sum(shares.values())
    return shares


def breakdown(amounts: Iterable[Amount], shipping: Decimal = ZERO) -> list[RateLine]:
    """Gross, net and VAT per rate, shipping included; highest rate first."""
    amounts = list(amounts)
    per_rate: dict[Decimal, Decimal] = {}
    for amount in amounts:
        per_rate[amount.rate] = per_rate.get(amount.rate, ZERO) + amount.gross
    for rate, share in split_shipping(shipping, amounts).items():
        per_rate[rate] = per_rate.get(rate, ZERO) + share
    return [
        RateLine(rate=rate, gross=gross)
        for rate, gross in sorted(per_rate.items(), reverse=True)
    ]


def _rate_of(
    product, fallback_excl: Decimal, fallback_incl: Decimal, tax_code: str = ""
) -> Decimal:
    if product is not None or oss.rate_of_code(tax_code) is not None:
        return line_rate(product, tax_code)
    # A product deleted since the order: the rate its stored prices imply.
    if not fallback_excl:
        return ZERO
    return (fallback_incl / fallback_excl - 1).quantize(CENT, rounding=ROUND_HALF_UP)


def line_rate(product, tax_code: str = "") -> Decimal:
    """The rate a basket or order line carries: the one its tax code recorded (a
    foreign rate under the OSS, "AT:0.1"), else the product class's."""
    recorded = oss.rate_of_code(tax_code)
    if recorded is not None:
        return recorded[1]
    return product.get_product_class().vat_rate_decimal


def basket_amounts(basket) -> list[Amount]:
    return [
        Amount(
            rate=line_rate(line.product, line.purchase_info.price.tax_code or ""),
            gross=line.line_price_incl_tax_incl_discounts,
            shipped=line.product.is_shipping_required,
        )
        for line in basket.all_lines()
    ]


def order_amounts(order) -> list[Amount]:
    amounts = []
    for line in order.lines.all():
        product = line.product
        amounts.append(
            Amount(
                rate=_rate_of(
                    product,
                    line.line_price_excl_tax,
                    line.line_price_incl_tax,
                    line.tax_code or "",
                ),
                gross=line.line_price_incl_tax,
                shipped=product.is_shipping_required if product is not None else False,
            )
        )
    return amounts


def order_breakdown(order) -> list[RateLine]:
    return breakdown(order_amounts(order), order.shipping_incl_tax)


def shipping_percents(order) -> list[str]:
    """The rates the order's shipping charge is taxed at, as printed ("7"): the
    rate of the goods shipped, or several when goods of several rates share the
    parcel (the charge is then split, `split_shipping`)."""
    shares = split_shipping(order.shipping_incl_tax, order_amounts(order))
    return [percent(rate) for rate in sorted(shares, reverse=True)]
