from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    """eCourses: course and lesson pages, enrolment on payment, and the e-mail
    course that sends one lesson at a time."""

    name = "courses"
    label = "courses"
    verbose_name = _("eCourses")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import reaper, schedule

        from . import receivers  # noqa: F401
        from .tasks import lesson_mail_now, lesson_mails_due

        schedule.register("course-lessons-due", lesson_mails_due)
        # Both claim each lesson before sending it: run again, they send only
        # what was not claimed, so a lost run is simply queued again.
        reaper.retry_when_lost(lesson_mails_due, after=timedelta(minutes=10))
        reaper.retry_when_lost(lesson_mail_now, after=timedelta(minutes=10))
