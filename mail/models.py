"""The outbox: mails accepted from the site and not yet taken by the mail server."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboundMail(models.Model):
    """One message waiting for the mail server. A delivered message is deleted (the
    outbox is no archive of what readers were sent); one the server kept refusing
    stays as `failed` for the operator, with the server's last answer."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("accepted"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    recipients = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    payload = models.JSONField(_("message"))
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipients}"
