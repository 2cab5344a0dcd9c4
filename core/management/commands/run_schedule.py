"""`manage.py run_schedule`: the clock of the site's recurring work.

Queues what the apps registered with `core.schedule` (scheduled publishing every
minute, the image-licence reminder once a day, ...). Run one of it (`make run` starts
it beside the worker; in production a systemd service or a cron `--once` every
minute).

Each round first reaps tasks whose worker died (`core.reaper`): the clock runs
in its own process, so a lost worker is noticed even when no worker is left.
"""

import time

from django.core.management.base import BaseCommand

from core.reaper import tasks_reap
from core.schedule import run_due_jobs


class Command(BaseCommand):
    help = "Queue the recurring tasks the apps registered (core.schedule)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Queue what is due and exit."
        )
        parser.add_argument("--interval", type=int, default=60)

    def handle(self, *args, once=False, interval=60, **options):
        while True:
            reaped = tasks_reap()
            queued = run_due_jobs()
            if options["verbosity"] > 1:
                self.stdout.write(f"queued: {', '.join(queued)}; reaped: {reaped}")
            if once:
                return
            time.sleep(interval)
