"""The timetable behind `manage.py run_schedule`.

django-tasks runs queued tasks but has no timetable. Each app registers its
recurring tasks here from its `AppConfig.ready()` (every minute, or once a day from a
local hour on), and `run_schedule` queues whatever is due. Only enqueuing happens
here; `db_worker` does the work.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django-tasks Task
    daily_at_hour: int | None = None  # None: every run (every minute)


_jobs: dict[str, Job] = {}


def register(name: str, task, *, daily_at_hour: int | None = None) -> None:
    """Queue `task` on every run of the schedule, or once a day from
    `daily_at_hour` (local time) on. Registering a name again replaces it."""
    _jobs[name] = Job(name=name, task=task, daily_at_hour=daily_at_hour)


def run_due_jobs(now: datetime | None = None) -> list[str]:
    """Queue what is due now; returns the names of the queued jobs."""
    now = timezone.localtime(now)
    queued = []
    for job in _jobs.values():
        if job.daily_at_hour is not None:
            # Once a day, across processes sharing the cache: the first to add wins.
            if now.hour < job.daily_at_hour or not cache.add(
                f"schedule:{job.name}:{now.date().isoformat()}", True, 26 * 3600
            ):
                continue
        job.task.enqueue()
        queued.append(job.name)
    return queued
