"""The reaper of tasks whose worker died.

django-tasks' database backend marks a task "running" when a worker claims it and
"successful" or "failed" when the worker finishes it. A worker killed in between
(SIGKILL, an out-of-memory kill, a lost machine) never finishes it: the row stays
"running" for ever (django-tasks-db issue 5), nobody retries it, and staff see it
as busy. `tasks_reap` (queued every minute by `run_schedule`) finds tasks running
longer than their limit and fails them; a task registered as idempotent with
`retry_when_lost` is queued again with the same arguments, up to `MAX_RETRIES`
times. Every task of the project is covered: those not registered are failed,
never run twice, since a mail task that died after its SMTP call would send again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

LOST = "core.reaper.WorkerLost"
MAX_RETRIES = 3


class WorkerLost(Exception):
    """The worker running the task stopped without finishing it."""


@dataclass(frozen=True)
class Policy:
    retry: bool
    after: timedelta


_policies: dict[str, Policy] = {}


def retry_when_lost(task, *, after: timedelta | None = None) -> None:
    """Declare `task` idempotent: when its worker is lost it is queued again. Its
    run is reaped after `after` (default `TASKS_STUCK_MINUTES`)."""
    _policies[task.module_path] = Policy(retry=True, after=after or _default_after())


def reap_after(task, after: timedelta) -> None:
    """A task that may legitimately run longer (or must be noticed sooner) than
    the default; it is failed, not retried."""
    _policies[task.module_path] = Policy(retry=False, after=after)


def _default_after() -> timedelta:
    return timedelta(minutes=settings.TASKS_STUCK_MINUTES)


def _policy(task_path: str) -> Policy:
    return _policies.get(task_path) or Policy(retry=False, after=_default_after())


def tasks_reap(now: datetime | None = None) -> dict[str, int]:
    """Fail the runs whose worker is gone and queue the idempotent ones again.
    Returns {"failed": n, "retried": m}. With the in-process backend (the
    tests) the table stays empty and nothing is reaped."""

    now = now or timezone.now()
    shortest = min([p.after for p in _policies.values()] + [_default_after()])
    candidates = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - shortest
    ).only("pk", "task_path", "started_at")
    failed = retried = 0
    for candidate in candidates:
        policy = _policy(candidate.task_path)
        if candidate.started_at >= now - policy.after:
            continue
        with transaction.atomic():
            row = (
                DBTaskResult.objects.select_for_update()
                .filter(pk=candidate.pk, status=TaskResultStatus.RUNNING)
                .first()
            )
            if row is None:  # finished meanwhile
                continue
            row.status = TaskResultStatus.FAILED
            row.finished_at = now
            row.exception_class_path = LOST
            row.traceback = (
                f"WorkerLost: the worker {', '.join(row.worker_ids) or '?'} stopped "
                f"while running this task (started {row.started_at:%Y-%m-%d %H:%M:%S}"
                f" UTC, reaped {now:%Y-%m-%d %H:%M:%S} UTC)"
            )
            row.save(
                update_fields=[
                    "status",
                    "finished_at",
                    "exception_class_path",
                    "traceback",
                ]
            )
            failed += 1
            if policy.retry and _retries(row) < MAX_RETRIES:
                args, kwargs = row.args_kwargs["args"], row.args_kwargs["kwargs"]
                transaction.on_commit(
                    lambda row=row, args=args, kwargs=kwargs: row.task.enqueue(
                        *args, **kwargs
                    )
                )
                retried += 1
    return {"failed": failed, "retried": retried}


def _retries(row) -> int:
    """How often this call (task and arguments) was already lost: a task that
    kills its worker every time is not queued for ever."""
    return (
        DBTaskResult.objects.filter(
            task_path=row.task_path,
            args_kwargs=row.args_kwargs,
            exception_class_path=LOST,
        )
        .exclude(pk=row.pk)
        .count()
    )
