from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImagesConfig(AppConfig):
    name = "images"
    label = "images"
    verbose_name = _("Images and rights")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from . import receivers, tasks

        receivers.connect()
        schedule.register(
            "licence_expiry_reminder", tasks.licence_expiry_reminder, daily_at_hour=7
        )
