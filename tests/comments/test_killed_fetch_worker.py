"""A worker killed in the middle of a mention fetch loses no other task: fetches
run on their own queue and worker, so the order mail queued beside it is sent by
the default worker all the same; the lost verification is reaped and queued again,
and ends (here: the source never finishes, so it fails as timed out) instead of
staying "checking". Real `db_worker` processes on the PostgreSQL copy."""

import signal
import time

import pytest

from tests import mailsink, threads
from tests.comments.test_mention_faults import Trickle
from tests.newsletters.test_killed_worker import _env, _manage

pytestmark = [pytest.mark.django_db, threads.needs_postgres]


def _mention(source: str) -> int:
    from wagtail.models import Page

    from comments.models import Mention

    return Mention.objects.create(
        page=Page.objects.order_by("depth").first(),
        source=source,
        target="https://kompass.example/ziel/",
        kind=Mention.Kind.WEBMENTION,
        status=Mention.Status.CHECKING,
    ).pk


def _task_states() -> dict:
    from django_tasks_db.models import DBTaskResult

    return dict(DBTaskResult.objects.values_list("task_path", "status"))


def _mention_state(pk: int) -> tuple[str, str]:
    from comments.models import Mention

    mention = Mention.objects.get(pk=pk)
    return mention.status, mention.failure


def test_a_killed_fetch_worker_loses_no_other_task(tmp_path):
    if not threads.available():
        pytest.skip("the PostgreSQL copy was not made")
    slow = Trickle(in_headers=False, gap=0.5)
    inbox = mailsink.Inbox()
    port = mailsink.free_port()
    controller = mailsink.start(inbox, port)
    env = {**_env(port, tmp_path), "COMMENTS_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32"}
    try:
        mention_id = threads.in_copy(_mention, slow.url)
        queue = (
            "from django.core.mail import send_mail; "
            "from comments.tasks import mention_verify; "
            f"mention_verify.enqueue({mention_id}); "
            "send_mail('Ihre Bestellung', 'Danke.', 'verlag@kompass.example', "
            "['kundin@example.org'])"
        )
        assert _manage(env, "shell", "-c", queue).wait(60) == 0
        fetcher = _manage(
            env, "db_worker", "--queue-name", "outside", "--no-startup-delay"
        )
        # Killed while it reads the trickle (the worker needs a moment to start).
        assert slow.connected.wait(60)
        time.sleep(0.5)
        fetcher.send_signal(signal.SIGKILL)
        fetcher.wait(10)
        assert threads.in_copy(_task_states)["comments.tasks.mention_verify"] == (
            "RUNNING"
        )

        # The order mail was never behind the fetch: the default worker sends it.
        assert _manage(env, "db_worker", "--batch", "--no-startup-delay").wait(60) == 0
        assert [rcpt for rcpt, _raw in inbox.messages] == [["kundin@example.org"]]

        # The reaper queues the lost verification again; it ends this time.
        reap = (
            "from datetime import timedelta; from django.utils import timezone; "
            "from core.reaper import tasks_reap; "
            "print(tasks_reap(now=timezone.now() + timedelta(minutes=3)))"
        )
        assert _manage(env, "shell", "-c", reap).wait(60) == 0
        finish = [
            "db_worker",
            "--queue-name",
            "outside",
            "--batch",
            "--no-startup-delay",
        ]
        assert _manage(env, *finish).wait(60) == 0
        status, failure = threads.in_copy(_mention_state, mention_id)
        assert (status, failure) == ("failed", "timed out")
    finally:
        controller.stop()
        slow.close()
