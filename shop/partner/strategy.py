"""Prices the German way: what the publisher enters is the gross price a reader pays.

Oscar's strategies treat the stock-record price as net and add tax on top, which would
turn a 3,99 € article PDF into 4,27 €. Here the stock-record price is gross and the VAT
contained in it is worked out from the product class's rate, so the displayed price is
exactly what the publisher typed and invoices can still show net and tax.
"""

from copy import copy

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy
from oscar.apps.partner.prices import TaxInclusiveFixedPrice
from oscar.apps.partner.prices import Unavailable as UnavailablePrice

from shop import oss
from shop.composed import composed_of
from shop.hooks import product_unavailable_reason
from shop.vat import CENT, vat_included


def buyer_country(request) -> tuple[str, bool]:
    """The buyer's country as far as the checkout knows it (the shipping
    address's, else the country of residence chosen), and whether a VAT ID was
    given. ("DE", False) before either is known."""
    session = getattr(request, "session", None)
    data = session.get("checkout_data", {}) if session is not None else {}
    buyer = (data.get("buyer") or {}).get("details") or {}
    address = (data.get("shipping") or {}).get("new_address_fields") or {}
    country = address.get("country_id") or buyer.get("country") or "DE"
    return str(country), bool(buyer.get("vat_id"))


class GrossPriceVAT:
    """Pricing mixin: stock-record prices are gross, VAT from the product class;
    above the OSS threshold a digital good sold to a consumer in another member
    state keeps its net price and takes that state's rate (`shop.oss`)."""

    country = "DE"
    business = False

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        return self._price(product, stockrecord)

    def parent_pricing_policy(self, product, children_stock):
        stockrecords = [
            record for _child, record in children_stock if record is not None
        ]
        if not stockrecords:
            return UnavailablePrice()
        return self._price(product, stockrecords[0])

    def _price(self, product, stockrecord):
        product_class = product.get_product_class()
        home = product_class.vat_rate_decimal
        tax = vat_included(stockrecord.price, home)
        net = stockrecord.price - tax
        rate = oss.rate_for(product_class, self.country, business=self.business)
        if rate != home:
            gross = (net * (1 + rate)).quantize(CENT)
            return TaxInclusiveFixedPrice(
                currency=stockrecord.price_currency,
                excl_tax=net,
                tax=gross - net,
                tax_code=oss.tax_code(self.country, rate),
            )
        return TaxInclusiveFixedPrice(
            currency=stockrecord.price_currency, excl_tax=net, tax=tax
        )


class DigitalOnce(availability.Available):
    """A download is bought once: a second copy of the same file buys nothing."""

    code = "available"
    message = _("Available for download")
    # Oscar's basket reads this as the most one line may hold.
    num_available = 1

    def is_purchase_permitted(self, quantity):
        if quantity > 1:
            return False, _("A digital product can be bought only once per order.")
        return True, ""


class NotDeliverable(availability.Unavailable):
    """A download that cannot be delivered yet (its file is missing): not sold,
    with the reason on the product page."""

    def __init__(self, reason: str) -> None:
        self.message = reason


class DigitalOncePerOrder(strategy.StockRequired):
    """Availability mixin: tracked stock for printed goods, one copy of a download."""

    def availability_policy(self, product, stockrecord):
        if not product.is_public:
            # Withdrawn from sale (e.g. an unpublished article's PDF): it stays in
            # past orders but cannot be bought, even from a basket filled earlier.
            return availability.Unavailable()
        product_class = product.get_product_class()
        if stockrecord and not product_class.requires_shipping:
            reason = product_unavailable_reason(product)
            if reason:
                return NotDeliverable(reason)
            return DigitalOnce()
        return super().availability_policy(product, stockrecord)


class GermanStrategy(
    strategy.UseFirstStockRecord,
    DigitalOncePerOrder,
    GrossPriceVAT,
    strategy.Structured,
):
    """One partner, gross prices with German VAT (or the buyer's country's, see
    `GrossPriceVAT`), stock checked only where tracked."""

    def __init__(self, request=None):
        super().__init__(request)
        if request is not None:
            self.country, self.business = buyer_country(request)

    def fetch_for_line(self, line, stockrecord=None):
        """A composed course's line is priced by what it holds (its number of
        lessons, `shop.composed`), not by the product's stock record."""
        info = super().fetch_for_line(line, stockrecord)
        spec = composed_of(line)
        if spec is None or info.stockrecord is None or spec.gross is None:
            return info
        record = copy(info.stockrecord)
        record.price = spec.gross
        # The product itself is not for sale on its own (not public): only a
        # course the composer put in the basket is.
        return strategy.PurchaseInfo(
            price=self.pricing_policy(line.product, record),
            availability=DigitalOnce(),
            stockrecord=info.stockrecord,
        )


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return GermanStrategy(request)
