"""The real cache and task queue the settings choose are the ones that answer."""

import os
import time
import uuid
from unittest import mock

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import override_settings


def test_cache_round_trip_uses_redis_when_configured():
    key = f"probe-{uuid.uuid4()}"
    cache.set(key, {"price": "3,99 €"}, 30)
    assert cache.get(key) == {"price": "3,99 €"}
    backend = type(caches["default"]).__name__
    if os.environ.get("REDIS_URL"):
        assert backend == "ReusingRedisCache"
        assert caches["default"]._cache.get_client(key).ping()
    else:
        # Files shared by the web server, worker and scheduler of `make run`.
        assert backend == "LocalCopyFileCache"


@pytest.mark.django_db
def test_database_task_queue_is_worked_off_by_db_worker(monkeypatch):
    """What `make run` relies on: a task enqueued in the database backend waits until
    the worker (`manage.py db_worker`) runs it.

    The worker runs for real in this process; only its between-tasks connection
    recycling is switched off, because it would close the test's own transaction.
    """
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )
    from django_tasks import TaskResultStatus, task_backends

    from sitesearch.tasks import search_index_refresh

    db_backend = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with override_settings(TASKS=db_backend):
        assert type(task_backends["default"]).__name__ == "DatabaseBackend"
        result = search_index_refresh.enqueue()
        result.refresh()
        assert result.status == TaskResultStatus.READY
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL


def test_file_cache_copies_stay_true_to_the_shared_files(tmp_path):
    """Two processes of the embedded default share the cache files; each keeps what
    it read, but never past a write, a delete or the expiry made by the other."""
    from config.file_cache import LocalCopyFileCache

    here = LocalCopyFileCache(str(tmp_path), {})
    there = LocalCopyFileCache(str(tmp_path), {})  # another process's view
    there.set("page", {"de|": "Fassung 1"}, 60)
    first = here.get("page")
    assert first == {"de|": "Fassung 1"}
    first["de|"] = "verändert"  # a caller changing what it got
    assert here.get("page") == {"de|": "Fassung 1"}

    there.set("page", {"de|": "Fassung 2"}, 60)
    assert here.get("page") == {"de|": "Fassung 2"}
    there.delete("page")
    assert here.get("page", "weg") == "weg"

    there.set("kurz", "bald abgelaufen", 1)
    assert here.get("kurz") == "bald abgelaufen"
    with mock.patch("time.time", return_value=time.time() + 2):
        assert here.get("kurz") is None
