"""Settings for the test suite: the project's settings with three test choices, made
through the same environment variables before those settings are read.

The suite runs in parallel (pytest-xdist, one process per core). Each worker gets
its own test database (pytest-django adds the worker's name), its own media, bought
files and file cache under var/, and its own Redis database: a test that clears the
cache clears only its worker's.

Tasks run in-process (django-tasks' immediate backend) so search indexing happens as
content is saved; the database queue and its worker have their own test. Media goes
to var/test-media, which lives as long as the reused test database.
"""

import os
import re
from pathlib import Path

_VAR = Path(__file__).resolve().parent.parent / "var"
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", … or ""
_SUFFIX = f"-{_WORKER}" if _WORKER else ""

if _WORKER and os.environ.get("REDIS_URL"):
    # redis://host:port/N → N+1+worker. A process a test starts reads these
    # settings again: it starts from the same URL, kept aside, and gets the same.
    os.environ.setdefault("TEST_REDIS_URL_GIVEN", os.environ["REDIS_URL"])
    _base = re.match(r"^(.*?)(?:/(\d+))?/?$", os.environ["TEST_REDIS_URL_GIVEN"])
    _number = int(_base.group(2) or 0) + 1 + int(_WORKER.removeprefix("gw"))
    os.environ["REDIS_URL"] = f"{_base.group(1)}/{_number}"

os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("MEDIA_ROOT", str(_VAR / f"test-media{_SUFFIX}"))
os.environ.setdefault("LOG_LEVEL", "ERROR")

from config.settings import *  # noqa: F403, E402

if not REDIS_URL:
    # Tests clear the cache before each test: never the one a running `make run`
    # uses, nor the one of a suite running at the same time on the other database.
    CACHES["default"]["LOCATION"] = str(
        VAR_DIR
        / f"test-cache-{DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}{_SUFFIX}"
    )

# Bought files of the test runs stay apart from the ones `make run` delivered.
STORAGES["private"]["OPTIONS"] = {
    **STORAGES["private"].get("OPTIONS", {}),
    "location": str(VAR_DIR / f"test-private{_SUFFIX}"),
}
