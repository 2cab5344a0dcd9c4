"""Prices the German way: what the publisher enters is the gross price a reader pays.

Oscar's strategies treat the stock-record price as net and add tax on top, which would
turn a 3,99 € article PDF into 4,27 €. Here the stock-record price is gross and the VAT
contained in it is worked out from the product class's rate, so the displayed price is
exactly what the publisher typed and invoices can still show net and tax.
"""

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy
from oscar.apps.partner.prices import TaxInclusiveFixedPrice
from oscar.apps.partner.prices import Unavailable as UnavailablePrice

from shop.hooks import product_unavailable_reason
from shop.vat import vat_included


class GrossPriceVAT:
    """Pricing mixin: stock-record prices are gross, VAT from the product class."""

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
        rate = product.get_product_class().vat_rate_decimal
        tax = vat_included(stockrecord.price, rate)
        return TaxInclusiveFixedPrice(
            currency=stockrecord.price_currency,
            excl_tax=stockrecord.price - tax,
            tax=tax,
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
    """One partner, gross prices with German VAT, stock checked only where tracked."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return GermanStrategy(request)
