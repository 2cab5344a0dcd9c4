"""The e-mail course survives a worker killed mid-send (SIGKILL, no clean-up):
the task it held stays "running" (django-tasks-db issue 5) until the reaper fails
and re-queues it, the readers still due get their lesson, and nobody gets a lesson
twice. Real `db_worker` processes on the PostgreSQL copy (`tests.threads`), a real
SMTP sink that answers slowly enough to kill in between."""

import signal
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from tests import mailsink, threads
from tests.newsletters.test_killed_worker import _env, _manage

READERS = 120

pytestmark = [pytest.mark.django_db, threads.needs_postgres]


def _prepare() -> int:
    from oscar.test import factories as oscar_factories
    from wagtail.models import Page

    from courses.models import CoursePage, Enrolment, LessonPage
    from tests.factories import lesson_body

    root = Page.get_first_root_node()
    course = root.add_child(
        instance=CoursePage(
            title="Absturzkurs", slug="absturzkurs", lead="Ein Kurs.", outcomes="x"
        )
    )
    course.save_revision().publish()
    for number in (1, 2, 3):
        lesson = course.add_child(
            instance=LessonPage(
                title=f"Absturz-Lektion {number}",
                slug=f"l{number}",
                teaser="Kurz.",
                body=lesson_body(number),
            )
        )
        lesson.save_revision().publish()
    order = oscar_factories.create_order(guest_email="besteller@example.org")
    now = timezone.now()
    lines = [oscar_factories.OrderLineFactory(order=order) for _ in range(READERS)]
    Enrolment.objects.bulk_create(
        Enrolment(
            course=course,
            course_title=course.title,
            line=line,
            email=f"k{number}@example.org",
            mail_state=Enrolment.Mail.ACTIVE,
            interval_days=2,
            next_lesson_at=now - timedelta(minutes=1),
        )
        for number, line in enumerate(lines)
    )
    return course.pk


def _states(course_id: int) -> dict:
    from django.db.models import Count

    from courses.models import LessonMail

    return dict(
        LessonMail.objects.filter(enrolment__course_id=course_id)
        .values_list("state")
        .annotate(n=Count("pk"))
        .order_by()
    )


def _stuck_tasks() -> list[str]:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).values_list(
            "task_path", flat=True
        )
    )


def test_killed_worker_is_reaped_and_nobody_gets_a_lesson_twice(tmp_path):
    if not threads.available():
        pytest.skip("the PostgreSQL copy was not made")
    course_id = threads.in_copy(_prepare)
    inbox = mailsink.Inbox()
    inbox.delay = 0.03
    port = mailsink.free_port()
    controller = mailsink.start(inbox, port)
    env = _env(port, tmp_path)
    try:
        enqueue = (
            "from courses.tasks import lesson_mails_due; lesson_mails_due.enqueue()"
        )
        assert _manage(env, "shell", "-c", enqueue).wait(60) == 0
        worker = _manage(env, "db_worker", "--no-startup-delay", "--interval", "0.2")
        deadline = time.monotonic() + 90
        while len(inbox.messages) < 20 and time.monotonic() < deadline:
            time.sleep(0.02)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        received_before = len(inbox.messages)
        assert 20 <= received_before < READERS
        # The dead worker's task stays "running": django-tasks-db never notices.
        assert threads.in_copy(_stuck_tasks) == ["courses.tasks.lesson_mails_due"]

        # Later (the clock moved on past the limit): the reaper fails the lost run
        # and queues it again; a worker finishes the round.
        reap = (
            "from datetime import timedelta; from django.utils import timezone; "
            "from core.reaper import tasks_reap; "
            "print(tasks_reap(now=timezone.now() + timedelta(minutes=11)))"
        )
        assert _manage(env, "shell", "-c", reap).wait(60) == 0
        assert threads.in_copy(_stuck_tasks) == []

        # The claimed rows of the dead run are older than the stale limit by then.
        def _age_claims():
            from courses.models import LessonMail

            LessonMail.objects.filter(state="claimed").update(
                claimed_at=timezone.now() - timedelta(minutes=10)
            )

        threads.in_copy(_age_claims)
        assert _manage(env, "db_worker", "--batch", "--no-startup-delay").wait(180) == 0
    finally:
        controller.stop()

    addresses = [rcpt[0] for rcpt, _raw in inbox.messages]
    assert len(addresses) == len(set(addresses)), "someone got a lesson twice"
    states = threads.in_copy(_states, course_id)
    assert states.get("claimed", 0) == 0
    assert states.get("sent", 0) + states.get("failed", 0) == READERS
    # At most one claimed chunk was lost to the crash, counted as failed.
    from courses.dispatch import CLAIM

    assert states.get("failed", 0) <= CLAIM
    assert len(addresses) >= states["sent"]
