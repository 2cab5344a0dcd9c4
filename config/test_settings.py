"""Settings for the test suite: the project's settings with three test choices, made
through the same environment variables before those settings are read.

Tasks run in-process (django-tasks' immediate backend) so search indexing happens as
content is saved; the database queue and its worker have their own test. Media goes
to var/test-media, which lives as long as the reused test database.
"""

import os
from pathlib import Path

os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault(
    "MEDIA_ROOT", str(Path(__file__).resolve().parent.parent / "var" / "test-media")
)
os.environ.setdefault("LOG_LEVEL", "ERROR")

from config.settings import *  # noqa: F403

if not REDIS_URL:
    # Tests clear the cache before each test: never the one a running `make run`
    # uses, nor the one of a suite running at the same time on the other database.
    CACHES["default"]["LOCATION"] = str(
        VAR_DIR / f"test-cache-{DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
    )

# Bought files of the test runs stay apart from the ones `make run` delivered.
STORAGES["private"]["OPTIONS"] = {
    **STORAGES["private"].get("OPTIONS", {}),
    "location": str(VAR_DIR / "test-private"),
}
