"""Backups the publisher can restore: the database, the media and the private
files (bought PDFs, e-books, delivered copies) in one archive.

The archive is a tar file with a `manifest.json` that lists every member with its
size and SHA-256, the database engine, and the applied migrations. The database is
taken first, as one consistent snapshot while the site runs (SQLite's online backup
API; `pg_dump --format=custom`, which reads in one transaction); the files follow.
A file written after the snapshot is in the archive but unused; a file the database
names is never written after it, so the snapshot's files are all there.

Restoring checks every checksum before it touches anything, refuses a database that
already has tables unless told to replace it, loads the database
(`pg_restore --clean`, or the SQLite file put in place) and writes the files back
into the configured storages (disk or S3), then applies newer migrations.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
STORAGES = ("default", "private")  # media, and the bought files


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why."""


@dataclass
class Report:
    archive: Path
    files: int = 0
    bytes: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _pg_env() -> tuple[list[str], dict]:
    db = settings.DATABASES["default"]
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_tool(name: str, *args: str) -> None:
    """Run pg_dump or pg_restore (PostgreSQL's client, a Debian package) with the
    site's connection settings; BackupError with its message if it fails."""
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client)")
    options, env = _pg_env()
    result = subprocess.run(  # noqa: S603 - fixed program, our own arguments
        [program, *options, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"{name} failed: {result.stderr.strip()}")


def _storage_names(storage, directory: str = ""):
    """Every file below `directory` of a storage (disk or S3), as storage names."""
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a storage on disk that holds nothing yet
        return
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for sub in directories:
        yield from _storage_names(storage, f"{directory}/{sub}" if directory else sub)


class _Hashing:
    """A file object that hashes what is read from it: members are streamed into
    the archive once, never held in memory whole."""

    def __init__(self, handle) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, handle, size: int, manifest) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mtime = int(time.time())
    hashing = _Hashing(handle)
    archive.addfile(info, hashing)
    manifest["members"][name] = {"size": size, "sha256": hashing.digest.hexdigest()}


def _database_snapshot(workdir: Path) -> tuple[str, Path]:
    vendor = connection.vendor
    if vendor == "sqlite":
        target = workdir / "database.sqlite3"
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        with copy:
            source.backup(copy)  # a consistent copy while others write
        copy.close()
        source.close()
        return "database.sqlite3", target
    if vendor == "postgresql":
        target = workdir / "database.pgdump"
        _pg_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--file",
            str(target),
            settings.DATABASES["default"]["NAME"],
        )
        return "database.pgdump", target
    raise BackupError(f"backups of a {vendor} database are not supported")


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup_create(*, target: Path) -> Report:
    """Write the archive to `target` (a directory gets a dated file name)."""
    target = Path(target)
    if target.is_dir():
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M%S")
        target = target / f"backup-{stamp}.tar"
    report = Report(archive=target)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "migrations": _migrations(),
        "members": {},
    }
    partial = target.with_suffix(target.suffix + ".partial")
    with tempfile.TemporaryDirectory() as workdir:
        began = time.monotonic()
        name, snapshot = _database_snapshot(Path(workdir))
        report.seconds["database"] = time.monotonic() - began
        began = time.monotonic()
        with tarfile.open(partial, "w") as archive:
            with snapshot.open("rb") as handle:
                _add(archive, name, handle, snapshot.stat().st_size, manifest)
            for alias in STORAGES:
                storage = storages[alias]
                for stored in _storage_names(storage):
                    with storage.open(stored, "rb") as handle:
                        size = storage.size(stored)
                        _add(archive, f"{alias}/{stored}", handle, size, manifest)
                    report.files += 1
            manifest_bytes = json.dumps(manifest, indent=1, sort_keys=True).encode()
            _add(
                archive,
                "manifest.json",
                io.BytesIO(manifest_bytes),
                len(manifest_bytes),
                {"members": {}},
            )
        report.seconds["files"] = time.monotonic() - began
    partial.replace(target)  # a half-written archive never has the final name
    report.bytes = target.stat().st_size
    return report


def _verified(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("the archive has no readable manifest") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r}")
    names = set(archive.getnames()) - {"manifest.json"}
    if names != set(manifest["members"]):
        raise BackupError("the archive's members differ from its manifest")
    for name, expected in manifest["members"].items():
        digest = hashlib.sha256()
        with archive.extractfile(name) as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        if digest.hexdigest() != expected["sha256"]:
            raise BackupError(f"{name} does not match its checksum")
    return manifest


def _database_empty() -> bool:
    return not connection.introspection.table_names()


def backup_restore(*, source: Path, replace: bool = False) -> Report:
    """Restore an archive made by `backup_create` into the configured database and
    storages."""
    report = Report(archive=Path(source))
    began = time.monotonic()
    with tarfile.open(source, "r") as archive:
        manifest = _verified(archive)
        report.seconds["verify"] = time.monotonic() - began
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"the backup is of a {manifest['engine']} database; this site uses "
                f"{connection.vendor}"
            )
        if not replace and not _database_empty():
            raise BackupError(
                "the database already has tables: restore into an empty database, "
                "or pass --replace to overwrite it"
            )
        began = time.monotonic()
        with tempfile.TemporaryDirectory() as workdir:
            if connection.vendor == "sqlite":
                archive.extract("database.sqlite3", workdir, filter="data")
                connection.close()
                path = Path(settings.DATABASES["default"]["NAME"])
                for suffix in ("-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
                shutil.copyfile(Path(workdir) / "database.sqlite3", path)
            else:
                archive.extract("database.pgdump", workdir, filter="data")
                connection.close()
                _pg_tool(
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--exit-on-error",
                    "--dbname",
                    settings.DATABASES["default"]["NAME"],
                    str(Path(workdir) / "database.pgdump"),
                )
        report.seconds["database"] = time.monotonic() - began
        began = time.monotonic()
        for name in manifest["members"]:
            alias, _, stored = name.partition("/")
            if alias not in STORAGES or not stored:
                continue
            storage = storages[alias]
            with archive.extractfile(name) as handle:
                data = handle.read()
            if storage.exists(stored):
                storage.delete(stored)
            saved = storage.save(stored, ContentFile(data))
            if saved != stored:
                raise BackupError(f"{stored} could not be written under its name")
            report.files += 1
            report.bytes += len(data)
        report.seconds["files"] = time.monotonic() - began
    return report
