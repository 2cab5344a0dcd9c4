"""`manage.py run_schedule`: the clock of the site's recurring work.

django-tasks runs queued tasks but has no timetable, so this small loop queues them:
scheduled publishing every minute and the image-licence reminder once a day. It only
enqueues; `db_worker` does the work. Run one of it (`make run` starts it beside the
worker; in production a systemd service or a cron `--once` every minute).
"""

import time

from django.core.cache import cache
from django.core.management.base import BaseCommand
from django.utils import timezone

from home.tasks import licence_expiry_reminder, scheduled_pages_publish

REMINDER_HOUR = 7  # local time; the reminder is waiting when the editors arrive


def run_due_jobs(now=None) -> list[str]:
    """Queue what is due now; returns the names of the queued jobs."""
    now = timezone.localtime(now)
    queued = ["scheduled_pages_publish"]
    scheduled_pages_publish.enqueue()
    # Once a day, across processes sharing the cache: the first to add the key wins.
    if now.hour >= REMINDER_HOUR and cache.add(
        f"schedule:licence-reminder:{now.date().isoformat()}", True, 26 * 3600
    ):
        licence_expiry_reminder.enqueue()
        queued.append("licence_expiry_reminder")
    return queued


class Command(BaseCommand):
    help = "Queue recurring tasks: scheduled publishing, the licence reminder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Queue what is due and exit."
        )
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            queued = run_due_jobs()
            if options["verbosity"] > 1:
                self.stdout.write(f"queued: {', '.join(queued)}")
            if once:
                return
            time.sleep(interval)
