from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    """Reader comments on any page that opts in, their moderation, and mentions
    (Webmention, pingback) from other sites."""

    name = "comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import reaper, schedule

        from . import receivers  # noqa: F401
        from .tasks import comments_close_due, mention_verify

        schedule.register("comments-close-due", comments_close_due, daily_at_hour=3)
        # Fetching a source again is harmless: a verification whose worker was
        # lost is queued again instead of leaving the mention "checking".
        reaper.retry_when_lost(mention_verify, after=timedelta(minutes=2))
