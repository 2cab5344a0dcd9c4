"""What the shop adds to Oscar's orders: invoices with gapless numbers, and the
Stripe events already handled (so a replayed webhook pays nothing twice)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InvoiceCounter(models.Model):
    """The last invoice number issued, one row per series.

    Invoice numbers must be consecutive with no gaps (§ 14(4) No. 4 UStG). A
    database sequence would skip numbers on rollback, so the next number is taken
    from this row under a row lock, inside the transaction that writes the invoice.
    """

    series = models.CharField(max_length=20, primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.series}: {self.last_number}"


class Invoice(models.Model):
    """The invoice of a paid order; its PDF is rendered from these fields and the
    order's lines, which never change, so a copy printed later is the same."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="invoice"
    )
    number = models.PositiveIntegerField(_("number"), unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    seller = models.JSONField(
        _("seller"), help_text=_("The publisher's data as printed on the invoice.")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        permissions = [("view_sales_report", _("Can view the sales report"))]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"RE-{self.number:06d}"


class StripeEvent(models.Model):
    """A Stripe webhook event handled once: its id is unique."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=100)
    order_number = models.CharField(max_length=128, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.event_type} {self.event_id}"
