from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    """Imprint's additions to django-newsletter (imported as `newsletter`)."""

    name = "newsletters"
    label = "newsletters"
    verbose_name = _("Newsletters")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from . import receivers  # noqa: F401
        from .tasks import sendings_due

        schedule.register("newsletter-sendings", sendings_due)
