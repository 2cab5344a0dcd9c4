from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsentConfig(AppConfig):
    name = "consent"
    label = "consent"
    verbose_name = _("Consent")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from .tasks import unconfirmed_purge

        schedule.register(
            "consent-unconfirmed-purge", unconfirmed_purge, daily_at_hour=4
        )
