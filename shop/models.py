"""What the shop adds to Oscar's orders: invoices and their corrections with
gapless numbers, and the Stripe events already handled (so a replayed webhook pays
nothing twice)."""

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Invoices and their corrections are kept eight years from the end of the year
#: they were issued in (§ 14b(1) UStG and § 147(3) AO, as amended by the Fourth
#: Bureaucracy Relief Act from 1 January 2025).
RETENTION_YEARS = 8


def retention_end(issued_at) -> date:
    """The last day an invoice issued at `issued_at` must still be kept."""
    year = timezone.localtime(issued_at).year + RETENTION_YEARS
    return date(year, 12, 31)


class RetainedUntil(Exception):
    """An invoice or correction asked to be deleted within its retention period."""


class _Retained(models.Model):
    """Refuses deletion while the retention period runs: a GDPR erasure, a
    cleanup or a shell session cannot remove what the tax office may ask for."""

    class Meta:
        abstract = True

    @property
    def keep_until(self) -> date:
        return retention_end(self.issued_at)

    def delete(self, *args, **kwargs):
        if timezone.localdate() <= self.keep_until:
            raise RetainedUntil(f"{self} is kept until {self.keep_until}")
        return super().delete(*args, **kwargs)


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


class Invoice(_Retained):
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


class InvoiceCorrection(_Retained):
    """A cancellation invoice (Rechnungskorrektur, Storno) of an invoice: a refund
    after a withdrawal, or a refund a shop manager records.

    It takes its number from the invoices' own gapless sequence (§ 14(4) No. 4
    UStG) and refers to the invoice it corrects. What it reverses is copied in at
    the moment of issue (lines, shipping, the VAT per rate), so a copy printed
    years later is the same document the customer received.
    """

    class Reason(models.TextChoices):
        WITHDRAWAL = "withdrawal", _("withdrawal by the customer")
        REFUND = "refund", _("refund")

    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="corrections"
    )
    number = models.PositiveIntegerField(_("number"), unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.REFUND
    )
    line_ids = models.JSONField(
        _("order lines reversed"), default=list, help_text=_("Ids of order lines.")
    )
    items = models.JSONField(
        _("items"),
        default=list,
        help_text=_("Title, quantity, VAT percent and gross amount of each item."),
    )
    rates = models.JSONField(
        _("VAT per rate"), default=list, help_text=_("Percent, net, VAT and gross.")
    )
    total_gross = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    seller = models.JSONField(_("seller"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("cancellation invoice")
        verbose_name_plural = _("cancellation invoices")

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
