"""Imprint's fork of Oscar's order app: an order remembers the language it was placed
in (its mails and invoice speak it) and how the reader chose to pay, and names the
statuses of its life (config/settings.py holds the pipeline between them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import (
    AbstractBillingAddress,
    AbstractShippingAddress,
)
from oscar.apps.order import exceptions
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder
from oscar.apps.order.signals import order_status_changed

from shop.countries import address_lines


class Order(AbstractOrder):
    # Stored as a German shop names them: Oscar's dashboard prints the stored name
    # (migration 0024); readers see `status_label` in their language.
    PENDING_PAYMENT = "Zahlung ausstehend"
    AWAITING_TRANSFER = "Überweisung ausstehend"
    PAID = "Bezahlt"
    SHIPPED = "Versendet"
    CANCELLED = "Storniert"
    REFUNDED = "Erstattet"

    STATUS_LABELS = {
        PENDING_PAYMENT: _("Payment pending"),
        AWAITING_TRANSFER: _("Awaiting your bank transfer"),
        PAID: _("Paid"),
        SHIPPED: _("Shipped"),
        CANCELLED: _("Cancelled"),
        REFUNDED: _("Refunded"),
    }

    language = models.CharField(_("language"), max_length=10, blank=True)
    payment_method = models.CharField(_("payment method"), max_length=20, blank=True)
    reminded_at = models.DateTimeField(
        _("payment reminder sent at"), null=True, blank=True
    )
    # Who bought, as the checkout asked: the country of residence is evidence of
    # the place of supply for digital goods (§ 3a(5) UStG), the company and VAT
    # ID make the invoice a business invoice (and offer the XRechnung).
    buyer_country = models.CharField(
        _("buyer's country"), max_length=2, blank=True, default="DE"
    )
    buyer_company = models.CharField(_("company"), max_length=200, blank=True)
    buyer_vat_id = models.CharField(_("buyer's VAT ID"), max_length=20, blank=True)

    def set_status(self, new_status: str) -> None:
        """Oscar's, with the cascade to the lines as one UPDATE instead of a save
        per line (an order of fifty lines paid cost fifty writes)."""
        if new_status == self.status:
            return
        old_status = self.status
        if new_status not in self.available_statuses():
            raise exceptions.InvalidOrderStatus(
                _("'%(new_status)s' is not a valid status for order %(number)s")
                % {"new_status": new_status, "number": self.number}
            )
        self.status = new_status
        line_status = self.cascade.get(new_status)
        if line_status:
            self.lines.exclude(status=line_status).update(status=line_status)
        self.save(update_fields=["status"])
        order_status_changed.send(
            sender=self, order=self, old_status=old_status, new_status=new_status
        )
        self._create_order_status_change(old_status, new_status)

    @property
    def status_label(self) -> str:
        return self.STATUS_LABELS.get(self.status, self.status)

    @property
    def is_paid(self) -> bool:
        return self.status in (self.PAID, self.SHIPPED)


class Line(AbstractLine):
    page_revision_ids = models.JSONField(
        _("revisions bought"),
        default=list,
        blank=True,
        help_text=_(
            "For an article or series PDF: the page revisions it was bought in, "
            "recorded at payment (delivery renders exactly these)."
        ),
    )


class ShippingAddress(AbstractShippingAddress):
    def active_address_fields(self) -> list[str]:
        """The lines Oscar's dashboard prints (list, detail, summary), in German
        order: postcode before the town, the country in the staff's language."""
        return address_lines(self)


class BillingAddress(AbstractBillingAddress):
    def active_address_fields(self) -> list[str]:
        return address_lines(self)


from oscar.apps.order.models import *  # noqa: E402,F403  (Oscar's other order models)
