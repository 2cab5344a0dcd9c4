"""`make backup` and `make restore` as an operator runs them: a running demo with
orders, downloads, subscribers, comments and consent records is backed up while it
serves, restored into a fresh database and directory, and there every record is
back and a download link issued before the backup still downloads the buyer's PDF.
Runs on the suite's database engine (SQLite, or PostgreSQL with pg_dump)."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from django.db import connection

from tests import mailsink, threads

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def _env(var_dir: Path, database_url: str) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
    }
    env.update(
        VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        TASKS_BACKEND="immediate",
        SITE_DOMAIN="127.0.0.1:8000",
        LOG_LEVEL="ERROR",
    )
    return env


def _manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _result(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


class Databases:
    """A committed, freshly migrated source database and an empty target, on the
    suite's engine: the test's own world lives in a transaction nobody else sees."""

    def __init__(self, tmp_path: Path):
        self.vendor = connection.vendor
        self.tmp = tmp_path
        self.made: list[str] = []

    def source(self) -> str:
        if self.vendor == "sqlite":
            path = self.tmp / "quelle.sqlite3"
            live = sqlite3.connect(connection.settings_dict["NAME"])
            copy = sqlite3.connect(path)
            live.backup(copy)  # the committed state: migrated, empty
            copy.close()
            live.close()
            return f"sqlite:///{path}"
        return self._postgres("quelle", template=threads._copy_settings["NAME"])

    def target(self) -> str:
        if self.vendor == "sqlite":
            return f"sqlite:///{self.tmp / 'ziel.sqlite3'}"
        return self._postgres("ziel")

    def _postgres(self, suffix: str, template: str | None = None) -> str:
        import psycopg

        name = f"{connection.settings_dict['NAME']}_{suffix}"
        params = connection.get_connection_params()
        params["dbname"] = "postgres"
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if template:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            else:
                admin.execute(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        settings = connection.settings_dict
        host = settings["HOST"] or "127.0.0.1"
        port = settings["PORT"] or 5432
        user = settings["USER"] or "postgres"
        return f"postgres://{user}@{host}:{port}/{name}"

    def drop(self) -> None:
        if not self.made:
            return
        import psycopg

        params = connection.get_connection_params()
        params["dbname"] = "postgres"
        with psycopg.connect(**params, autocommit=True) as admin:
            for name in self.made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    def __init__(self, env: dict):
        self.port = mailsink.free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "manage.py"), "runserver",
             f"127.0.0.1:{self.port}", "--noreload"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(120):
            try:
                urlopen(self.base + "/", timeout=2)  # noqa: S310 - our own server
                return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError("the server did not start")

    def get(self, path: str):
        return urlopen(self.base + path, timeout=30)  # noqa: S310 - our own server

    def stop(self):
        self.process.terminate()
        self.process.wait(10)


def test_a_running_demo_is_backed_up_and_restored_with_working_downloads(tmp_path):
    if connection.vendor == "postgresql" and not threads.available():
        pytest.skip("the PostgreSQL copy was not made")
    databases = Databases(tmp_path)
    servers = []
    try:
        source = _env(tmp_path / "quelle", databases.source())
        _manage(source, "load_demo")
        bought = _result(
            _manage(
                source,
                "shell",
                "-c",
                "from tests.core.backup_scenario import scenario_print; "
                "scenario_print()",
            )
        )
        counts = bought["counts"]
        assert counts["orders"] >= 1 and counts["grants"] >= 1
        assert counts["subscribers"] >= 1 and counts["comments"] >= 1
        assert counts["consents"] >= 1

        # Backed up while the demo serves readers.
        running = Server(source)
        servers.append(running)
        assert running.get("/").status == 200
        archive = tmp_path / "sicherung.tar"
        began = time.monotonic()
        written = _manage(source, "backup", str(archive))
        backup_seconds = time.monotonic() - began
        assert "Backup written" in written
        assert running.get("/magazin/").status == 200
        with tarfile.open(archive) as members:
            manifest = json.load(members.extractfile("manifest.json"))
        names = set(manifest["members"])
        assert any(name.startswith("private/editions/") for name in names)
        assert any(name.startswith("default/original_images/") for name in names)
        assert all(len(entry["sha256"]) == 64 for entry in manifest["members"].values())

        target = _env(tmp_path / "ziel", databases.target())
        began = time.monotonic()
        _manage(target, "restore", str(archive))
        restore_seconds = time.monotonic() - began
        restored = _result(
            _manage(
                target,
                "shell",
                "-c",
                "from tests.core.backup_scenario import counts_print; counts_print()",
            )
        )
        assert restored == counts

        # The link mailed before the backup downloads the buyer's copy.
        copy = Server(target)
        servers.append(copy)
        response = copy.get(bought["download"])
        assert response.status == 200
        assert response.read(5) == b"%PDF-"
        print(f"backup {backup_seconds:.1f} s, restore {restore_seconds:.1f} s")  # noqa: T201
    finally:
        for server in servers:
            server.stop()
        databases.drop()


def test_a_damaged_archive_is_refused_before_anything_is_touched(tmp_path):
    archive = tmp_path / "kaputt.tar"
    with tarfile.open(archive, "w") as members:
        data = json.dumps(
            {
                "format": 1,
                "engine": connection.vendor,
                "members": {"x": {"sha256": "0" * 64, "size": 1}},
            }
        ).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        members.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("x")
        info.size = 1
        members.addfile(info, io.BytesIO(b"y"))
    env = _env(tmp_path / "ziel", f"sqlite:///{tmp_path / 'leer.sqlite3'}")
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "restore", str(archive)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert "does not match its checksum" in result.stderr
