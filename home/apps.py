from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    label = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from . import receivers, tasks  # noqa: F401

        schedule.register("scheduled_pages_publish", tasks.scheduled_pages_publish)
