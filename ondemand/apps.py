from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OndemandConfig(AppConfig):
    """Courses on demand: readers put together their own eCourse from the lessons
    and articles editors released for it, or ask the editors to do it."""

    name = "ondemand"
    label = "ondemand"
    verbose_name = _("Courses on demand")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import schedule

        from . import receivers  # noqa: F401
        from .tasks import requests_purge

        schedule.register("course-requests-purge", requests_purge, daily_at_hour=4)
