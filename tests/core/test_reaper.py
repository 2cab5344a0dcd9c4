"""The reaper of tasks whose worker died: a task left "running" by a killed worker
(django-tasks-db issue 5) is failed after its limit, and queued again if its app
declared it idempotent; recent runs and finished tasks are left alone."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from core import reaper

pytestmark = pytest.mark.django_db


def _running(task_path: str, args: list, started_minutes_ago: int) -> DBTaskResult:
    now = timezone.now()
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=now - timedelta(minutes=started_minutes_ago),
        args_kwargs={"args": args, "kwargs": {}},
        task_path=task_path,
        worker_ids=["killed-worker"],
        queue_name="default",
        backend_name="default",
        run_after=get_date_max(),
        exception_class_path="",
        traceback="",
    )


@pytest.fixture(autouse=True)
def database_queue():
    """The queue of `db_worker` (the suite runs tasks in-process otherwise)."""
    from django.test import override_settings

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        yield


# The payment mail, composed by the outbox's worker (shop/mails.py).
MAIL_TASK = "mail.tasks.mail_compose"


def _mail_args(order_id: int) -> list:
    return ["shop.mails.order_mail", {"order_id": order_id, "kind": "payment_received"}]


def test_lost_runs_are_failed_and_idempotent_ones_queued_again(
    django_capture_on_commit_callbacks,
):
    lessons = _running("courses.tasks.lesson_mail_now", [7], started_minutes_ago=15)
    mail = _running(
        "mail.tasks.mail_compose",
        ["shop.mails.order_mail", {"order_id": 1, "kind": "payment_received"}],
        started_minutes_ago=45,
    )
    busy = _running(
        "mail.tasks.mail_compose",
        ["shop.mails.order_mail", {"order_id": 2, "kind": "payment_received"}],
        started_minutes_ago=3,
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert reaper.tasks_reap() == {"failed": 2, "retried": 1}

    lessons.refresh_from_db()
    mail.refresh_from_db()
    busy.refresh_from_db()
    assert lessons.status == mail.status == TaskResultStatus.FAILED
    assert mail.exception_class_path == reaper.LOST
    assert "killed-worker" in mail.traceback
    assert busy.status == TaskResultStatus.RUNNING  # may still be working
    again = DBTaskResult.objects.filter(
        task_path="courses.tasks.lesson_mail_now", status=TaskResultStatus.READY
    )
    assert [row.args_kwargs["args"] for row in again] == [[7]]
    # Nothing is left to reap; the order mail is not sent twice.
    assert reaper.tasks_reap() == {"failed": 0, "retried": 0}
    assert not DBTaskResult.objects.filter(
        task_path=MAIL_TASK, status=TaskResultStatus.READY
    ).exists()


def test_a_task_that_always_kills_its_worker_is_not_retried_for_ever():
    for _attempt in range(reaper.MAX_RETRIES):
        DBTaskResult.objects.filter(
            pk=_running("courses.tasks.lesson_mails_due", [], started_minutes_ago=60).pk
        ).update(status=TaskResultStatus.FAILED, exception_class_path=reaper.LOST)
    _running("courses.tasks.lesson_mails_due", [], started_minutes_ago=60)
    assert reaper.tasks_reap() == {"failed": 1, "retried": 0}
