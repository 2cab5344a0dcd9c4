"""Real threads against a real PostgreSQL, beside the rolled-back test world.

The world lives in a transaction that never commits, so other connections cannot see
it. Concurrency tests therefore run in a copy of the freshly migrated test database
(`CREATE DATABASE … TEMPLATE`, made once per session before the world is built), and
each worker thread points its own `default` connection at that copy. What they
write there is committed for real, as in production, and the copy is dropped at the
next session.
"""

import os
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.db.utils import load_backend

_copy_settings: dict | None = None

#: For tests that start real worker processes: they share the database with the
#: test, which only PostgreSQL (the copy below) allows.
needs_postgres = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("sqlite")
    or not os.environ.get("DATABASE_URL"),
    reason="needs PostgreSQL: the worker processes share the database",
)


def copy_database() -> None:
    """Make the copy, on PostgreSQL only (SQLite serialises all writers anyway)."""
    global _copy_settings
    if connection.vendor != "postgresql":
        return
    import psycopg

    source = connection.settings_dict["NAME"]
    target = f"{source}_threads"
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    connection.close()  # a template must have no other sessions
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    _copy_settings = {**connection.settings_dict, "NAME": target}


def available() -> bool:
    return _copy_settings is not None


def _copy_connection():
    """A connection to the copy under the name `default`, so the code under test
    uses it unchanged. It is not one Django's test case knows, so the test case's
    guard against other databases does not apply to it."""
    backend = load_backend(_copy_settings["ENGINE"])
    return backend.DatabaseWrapper(dict(_copy_settings), "default")


def in_copy(function: Callable, *args, **kwargs):
    """Run `function` in a fresh thread whose default connection is the copy, and
    return its result (or raise its exception)."""
    results = run_concurrently([lambda: function(*args, **kwargs)])
    outcome = results[0]
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome


def run_concurrently(jobs: list[Callable]) -> list:
    """Start one thread per job, released together by a barrier; each returns its
    result or the exception it raised, in job order."""
    barrier = threading.Barrier(len(jobs))
    results: list = [None] * len(jobs)

    def worker(index: int, job: Callable) -> None:
        connections["default"] = _copy_connection()
        try:
            barrier.wait(timeout=60)
            results[index] = job()
        except BaseException as error:  # noqa: BLE001  (reported to the test)
            results[index] = error
        finally:
            connections["default"].close()

    threads = [
        threading.Thread(target=worker, args=(i, job)) for i, job in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return results
