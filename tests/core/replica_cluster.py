"""A real PostgreSQL primary and its streaming replica on loopback ports of their own,
for the read-replica tests.

The machine's PostgreSQL allows no replication connections, and a test must not
change it: the pair is a private cluster (initdb, then `pg_basebackup -R`), started
as the `postgres` user when the tests run as root, and stopped and deleted after. The
primary gets a copy of the test database (pg_dump), so the replica serves the same
pages the test database holds at the moment of the copy.
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg


def pg_binary(name: str) -> str:
    found = (
        shutil.which(name)
        or (sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}")) or [""])[-1]
    )
    return found


def binaries_present() -> bool:
    names = ("initdb", "pg_ctl", "createdb", "pg_dump", "pg_restore", "pg_basebackup")
    return all(pg_binary(name) for name in names)


def pg_args(port: int, host: str | None = None) -> list[str]:
    return ["-h", host or "127.0.0.1", "-p", str(port), "-U", "postgres"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@dataclass
class Pair:
    primary_port: int
    replica_port: int
    database: str

    def connect(self, port: int, **kwargs) -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=port, user="postgres", dbname=self.database, **kwargs
        )

    def on_primary(self, sql: str) -> None:
        with self.connect(self.primary_port, autocommit=True) as conn:
            conn.execute(sql)

    def on_replica(self, sql: str):
        with self.connect(self.replica_port, autocommit=True) as conn:
            return conn.execute(sql).fetchone()


def _start(data: Path, port: int, socket_dir: Path) -> None:
    with (data / "postgresql.auto.conf").open("a") as conf:
        conf.write(
            f"port = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{socket_dir}'\nfsync = off\n"
            "shared_buffers = 16MB\nmax_connections = 40\n"
        )
    _as_postgres(
        [pg_binary("pg_ctl"), "-D", str(data), "-l", str(data / "log"), "-w", "start"]
    )


def database_copy(source: dict, *, port: int, database: str, host: str = "") -> None:
    """Copy the database `source` (Django connection settings) into the existing,
    empty `database` on host:port, with pg_dump and pg_restore."""
    where = pg_args(int(source.get("PORT") or 5432), source.get("HOST"))
    dump = subprocess.run(
        [pg_binary("pg_dump"), *where, "-Fc", "--no-owner", source["NAME"]],
        check=True,
        capture_output=True,
    ).stdout
    subprocess.run(
        [pg_binary("pg_restore"), *pg_args(port, host), "--no-owner", "-d", database],
        input=dump,
        check=True,
        capture_output=True,
    )


@contextlib.contextmanager
def replica_pair(source: dict):
    """Yield a `Pair` whose primary holds a copy of the database `source` (Django
    connection settings) and whose replica streams from it."""
    base = Path(tempfile.mkdtemp(prefix="replica-pair-"))
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
    primary, replica = base / "primary", base / "replica"
    pair = Pair(free_port(), free_port(), source["NAME"])
    started = []
    try:
        initdb = ["-D", str(primary), "-U", "postgres", "--auth=trust", "-E", "UTF8"]
        _as_postgres([pg_binary("initdb"), *initdb, "--locale=C.UTF-8"])
        _start(primary, pair.primary_port, base)
        started.append(primary)
        subprocess.run(
            [pg_binary("createdb"), *pg_args(pair.primary_port), pair.database],
            check=True,
        )
        database_copy(source, port=pair.primary_port, database=pair.database)
        copy = ["-D", str(replica), "-R", "-X", "stream"]
        _as_postgres([pg_binary("pg_basebackup"), *pg_args(pair.primary_port), *copy])
        _start(replica, pair.replica_port, base)
        started.append(replica)
        deadline = time.monotonic() + 30
        while pair.on_replica("SELECT pg_is_in_recovery()") != (True,):
            if time.monotonic() > deadline:
                raise RuntimeError("the replica did not start")
            time.sleep(0.2)
        yield pair
    finally:
        for data in reversed(started):
            with contextlib.suppress(subprocess.CalledProcessError):
                _as_postgres(
                    [
                        pg_binary("pg_ctl"),
                        "-D",
                        str(data),
                        "-m",
                        "immediate",
                        "-w",
                        "stop",
                    ]
                )
        shutil.rmtree(base, ignore_errors=True)
