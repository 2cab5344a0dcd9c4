"""A consumer's withdrawal from a contract (§ 355, § 356a BGB), as declared through
the withdrawal function, and what became of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Withdrawal(models.Model):
    """One declaration: when it arrived (the moment that counts for the period),
    which order lines it covers, which it could not cover and why, and how the
    refund went. Written once when declared; only the refund fields change later.
    """

    class State(models.TextChoices):
        CANCELLED = "cancelled", _("order cancelled (not yet paid)")
        AWAITING_RETURN = "awaiting_return", _("waiting for the goods to come back")
        REFUND_BY_TRANSFER = "refund_by_transfer", _("refund by bank transfer due")
        REFUNDING = "refunding", _("refund under way")
        REFUNDED = "refunded", _("refunded")
        REFUND_FAILED = "refund_failed", _("refund failed, please check")

    order = models.ForeignKey(
        "order.Order",
        on_delete=models.PROTECT,
        related_name="withdrawals",
        verbose_name=_("order"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared at"))
    line_ids = models.JSONField(_("order lines withdrawn"), default=list)
    items = models.JSONField(
        _("items withdrawn"), default=list, help_text=_("Title and quantity.")
    )
    refused = models.JSONField(
        _("items whose right had expired"),
        default=list,
        help_text=_("Title, reason and the consent record cited."),
    )
    amount = models.DecimalField(
        _("amount to refund"), max_digits=12, decimal_places=2, default=0
    )
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    refund_reference = models.CharField(
        _("refund reference"), max_length=255, blank=True
    )
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-declared_at"]
        verbose_name = _("withdrawal")
        verbose_name_plural = _("withdrawals")
        permissions = [("handle_withdrawals", _("Can handle withdrawals"))]

    def __str__(self) -> str:
        return f"{self.order.number} {self.declared_at:%Y-%m-%d %H:%M}"

    @property
    def covers_digital(self) -> bool:
        """Whether downloads or courses are among the items withdrawn."""
        return any(not item.get("shipped") for item in self.items)
