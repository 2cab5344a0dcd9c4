from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    """The one way mail leaves the site: every message is kept in the outbox and
    handed to the mail server by the worker, with retries, so no request waits on
    SMTP and no mail is lost while the server is down."""

    name = "mail"
    label = "mail"
    verbose_name = _("Outgoing mail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from .tasks import outbox_retry_due

        schedule.register("mail-outbox-retry", outbox_retry_due)
