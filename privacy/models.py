"""The audit trail of GDPR requests handled by staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyAuditEntry(models.Model):
    """One export or erasure done by a member of staff. Append-only.

    The person is recorded by a keyed hash of their e-mail address, not the address:
    after an erasure the trail must not hold what was erased, yet staff can still
    answer "was this address erased, when and by whom?" by hashing it again.
    """

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASE = "erase", _("Erasure")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    subject_hash = models.CharField(_("person (keyed hash)"), max_length=64)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("staff member"),
    )
    staff_email = models.CharField(_("staff e-mail"), max_length=254, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)
    summary = models.JSONField(_("what was done, per app"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("privacy audit entry")
        verbose_name_plural = _("privacy audit entries")
        permissions = [
            ("manage_personal_data", _("Can export and erase personal data")),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.created_at:%Y-%m-%d %H:%M}"
