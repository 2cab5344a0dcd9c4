"""A fresh SQLite database from a committed snapshot instead of 440 migrations.

Applying every migration of Django, Wagtail, Oscar and the site to an empty SQLite
file takes about 80 s of CPU on a 2-core machine (Django re-renders the related model
states after each operation), which is most of a new user's first `make run` and of
each test worker's database. `core/snapshot/sqlite.sql` holds what those migrations
produce: the schema and the rows their data migrations write (root page, site,
groups, permissions, content types, countries), as SQL text, so a review can read it.

The snapshot lists every migration it contains with a hash of the migration's file.
It is loaded only into an empty SQLite database, and only when each of those files is
still unchanged on disk; `migrate` then applies whatever came after it in the usual
way. A stale snapshot therefore costs time, never correctness. `manage.py
migrate_snapshot` writes a new one from a real migration run; PostgreSQL always
migrates for real.
"""

import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader

SNAPSHOT_PATH = Path(__file__).resolve().parent / "snapshot" / "sqlite.sql"
_HEADER = "-- migrations: "
# FTS5 keeps its index in shadow tables that CREATE VIRTUAL TABLE makes itself.
_FTS_SHADOWS = ("_config", "_content", "_data", "_docsize", "_idx")
# How sqlite3's dump writes a virtual table; the snapshot creates it instead.
_SKIPPED = ("PRAGMA writable_schema", "INSERT INTO sqlite_master")


def migration_hashes() -> dict[str, str]:
    """Each migration on disk ("app.name") with a hash of its source file."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    hashes = {}
    for (app_label, name), migration in loader.disk_migrations.items():
        source = Path(sys.modules[migration.__module__].__file__).read_bytes()
        hashes[f"{app_label}.{name}"] = hashlib.sha256(source).hexdigest()[:16]
    return hashes


def snapshot_dump(database_file: Path) -> str:
    """The SQL text of a migrated SQLite file, headed by the migrations it holds."""
    raw = sqlite3.connect(database_file)
    try:
        applied = {
            f"{app}.{name}"
            for app, name in raw.execute("SELECT app, name FROM django_migrations")
        }
        virtual = [
            (name, sql)
            for name, sql in raw.execute(
                "SELECT name, sql FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL%'"
            )
        ]
        shadows = {name + suffix for name, _ in virtual for suffix in _FTS_SHADOWS}
        statements = []
        for statement in raw.iterdump():
            if statement.startswith(_SKIPPED):
                continue
            if any(
                statement.startswith((f"CREATE TABLE '{t}'", f'INSERT INTO "{t}"'))
                for t in shadows
            ):
                continue
            if statement == "COMMIT;":
                statements.extend(f"{sql};" for _, sql in virtual)
            statements.append(statement)
    finally:
        raw.close()
    on_disk = migration_hashes()
    recorded = {name: on_disk[name] for name in sorted(applied) if name in on_disk}
    header = _HEADER + json.dumps(recorded, separators=(",", ":"))
    return "\n".join([header, *statements]) + "\n"


def snapshot_usable(path: Path = SNAPSHOT_PATH) -> dict[str, str] | None:
    """The snapshot's migrations, if every one of them is unchanged on disk."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    if not first.startswith(_HEADER):
        return None
    recorded = json.loads(first[len(_HEADER) :])
    on_disk = migration_hashes()
    if any(on_disk.get(name) != digest for name, digest in recorded.items()):
        return None
    return recorded


def snapshot_load(connection: BaseDatabaseWrapper, path: Path = SNAPSHOT_PATH) -> int:
    """Load the snapshot into an empty SQLite database; the number of migrations it
    brought, or 0 when it was not used (another engine, tables present, or stale)."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        if connection.introspection.table_names(cursor):
            return 0
    recorded = snapshot_usable(path)
    if not recorded:
        return 0
    connection.ensure_connection()
    # Tables come in name order, so a row may name a table made later: foreign keys
    # are checked only once everything is in (and stay on for the site afterwards).
    raw = connection.connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        raw.executescript(path.read_text(encoding="utf-8"))
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        raw.execute("PRAGMA foreign_keys=ON")
    if broken:
        raise RuntimeError(f"the snapshot breaks foreign keys: {broken[:3]}")
    return len(recorded)
