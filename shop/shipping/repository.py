"""The publisher's shipping rates: a flat rate within Germany, free above an amount,
and one rate for the rest of the EU. Rates are gross and configured in settings
(SHIPPING_GERMANY, SHIPPING_FREE_ABOVE, SHIPPING_EU); the VAT they carry follows the
goods shipped (shop/vat.py)."""

from decimal import Decimal

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping import methods
from oscar.apps.shipping.repository import Repository as OscarRepository
from oscar.core import prices

from shop import vat

GERMANY = "DE"


class GrossRate(methods.Base):
    """A fixed gross charge whose VAT follows the shipped goods."""

    def __init__(self, code: str, name, charge: Decimal, description=""):
        self.code = code
        self.name = name
        self.description = description
        self.charge = charge

    def calculate(self, basket):
        shares = vat.split_shipping(self.charge, vat.basket_amounts(basket))
        tax = sum(
            (vat.vat_included(share, rate) for rate, share in shares.items()),
            Decimal("0.00"),
        )
        return prices.Price(
            currency=basket.currency or settings.OSCAR_DEFAULT_CURRENCY,
            excl_tax=self.charge - tax,
            incl_tax=self.charge,
            tax=tax,
        )


def euros(value: Decimal) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def _money(value: str) -> Decimal:
    return Decimal(value).quantize(vat.CENT)


def germany(basket) -> GrossRate:
    threshold = _money(settings.SHIPPING_FREE_ABOVE)
    goods = basket.total_incl_tax
    if threshold and goods is not None and goods >= threshold:
        return GrossRate(
            "de-free",
            _("Free shipping within Germany"),
            Decimal("0.00"),
            _("Free above %(amount)s €.") % {"amount": euros(threshold)},
        )
    return GrossRate(
        "de-standard",
        _("Shipping within Germany"),
        _money(settings.SHIPPING_GERMANY),
        _("Free above %(amount)s €.") % {"amount": euros(threshold)}
        if threshold
        else "",
    )


def eu(basket) -> GrossRate:
    return GrossRate("eu", _("Shipping within the EU"), _money(settings.SHIPPING_EU))


class Repository(OscarRepository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        country = getattr(shipping_addr, "country_id", None) if shipping_addr else None
        if country is None or country == GERMANY:
            # Before an address is known (the basket's estimate) Germany is assumed.
            return [germany(basket)]
        return [eu(basket)]
