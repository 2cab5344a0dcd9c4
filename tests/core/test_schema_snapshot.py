"""The first `make run` fills an empty SQLite file from core/snapshot/sqlite.sql in a
few seconds instead of applying 480 migrations; these tests keep that honest."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from core.schema_snapshot import (
    SNAPSHOT_PATH,
    migration_hashes,
    snapshot_load,
    snapshot_usable,
)


def _recorded(path=SNAPSHOT_PATH) -> dict[str, str]:
    with path.open(encoding="utf-8") as handle:
        return json.loads(handle.readline().removeprefix("-- migrations: "))


def test_the_committed_snapshot_holds_every_migration_as_it_is_on_disk():
    """A new migration without `manage.py migrate_snapshot` fails here, before a new
    user's first run silently falls back to 80 s of migrating."""
    missing = sorted(set(migration_hashes()) - set(_recorded()))
    assert missing == [], "run `manage.py migrate_snapshot` after adding migrations"
    assert snapshot_usable() is not None


def test_an_edited_migration_makes_the_snapshot_unusable(tmp_path):
    recorded = _recorded()
    name = next(iter(recorded))
    recorded[name] = "0" * 16
    body = SNAPSHOT_PATH.read_text(encoding="utf-8").split("\n", 1)[1]
    stale = tmp_path / "stale.sql"
    stale.write_text("-- migrations: " + json.dumps(recorded) + "\n" + body)
    assert snapshot_usable(stale) is None


@pytest.mark.django_db
def test_a_database_with_tables_is_never_overwritten():
    assert snapshot_load(connection) == 0


def _manage(var_dir, *args) -> subprocess.CompletedProcess:
    environment = {**os.environ, "VAR_DIR": str(var_dir)}
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_migrate_on_an_empty_file_loads_the_snapshot_and_is_complete(tmp_path):
    first = _manage(tmp_path, "migrate", "--noinput")
    assert first.returncode == 0, first.stderr
    assert "migrations loaded from core/snapshot/sqlite.sql" in first.stdout
    assert "No migrations to apply." in first.stdout
    # Nothing is left to apply, and the models match the schema.
    check = _manage(tmp_path, "migrate", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    database = sqlite3.connect(tmp_path / "imprint.sqlite3")
    # What the data migrations wrote is there: Wagtail's root, site and editor groups
    # with their permissions, Oscar's countries; foreign keys hold.
    assert database.execute("SELECT count(*) FROM wagtailcore_site").fetchone() == (1,)
    editors = database.execute(
        "SELECT count(*) FROM auth_group_permissions p JOIN auth_group g "
        "ON g.id = p.group_id WHERE g.name = 'Editors'"
    ).fetchone()[0]
    assert editors > 0
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    # Wagtail's search index (an FTS5 table) works in the loaded file.
    database.execute(
        "INSERT INTO wagtailsearch_indexentry_fts(rowid, title, body, autocomplete) "
        "VALUES (1, 'Gehalt verhandeln', '', '')"
    )
    hits = database.execute(
        "SELECT rowid FROM wagtailsearch_indexentry_fts "
        "WHERE wagtailsearch_indexentry_fts MATCH 'gehalt'"
    ).fetchall()
    assert hits == [(1,)]
