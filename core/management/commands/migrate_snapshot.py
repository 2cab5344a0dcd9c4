"""`manage.py migrate_snapshot`: rewrite core/snapshot/sqlite.sql from a real run of
every migration on a new SQLite file (about 80 s). Run it after adding migrations;
until then, an empty database takes the old snapshot and migrates the rest."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.schema_snapshot import SNAPSHOT_PATH, snapshot_dump


class Command(BaseCommand):
    help = "Write core/snapshot/sqlite.sql from a fresh migration of SQLite."

    def handle(self, *args, **options):
        with tempfile.TemporaryDirectory() as var_dir:
            environment = {**os.environ, "VAR_DIR": var_dir}
            environment.pop("DATABASE_URL", None)
            environment.pop("REDIS_URL", None)
            result = subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-snapshot", "-v", "0"],
                cwd=settings.BASE_DIR,
                env=environment,
                check=False,
            )
            if result.returncode:
                raise CommandError("migrate failed; the snapshot is unchanged")
            text = snapshot_dump(Path(var_dir) / "imprint.sqlite3")
        SNAPSHOT_PATH.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(f"Written {SNAPSHOT_PATH} ({len(text) // 1024} KiB)")
