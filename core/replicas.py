"""Read replicas: anonymous page reads go to a PostgreSQL streaming replica.

`DATABASE_REPLICA_URLS` (comma-separated) adds the aliases `replica_1`, `replica_2`…
Everything else stays on the primary (`default`), so a replica can only ever serve a
request that is safe to answer from slightly old data:

- Only a request marked by `ReplicaRoutingMiddleware` may read from a replica: a GET
  or HEAD without a session cookie and without a recent write of its own. Workers,
  the scheduler, commands and every logged-in reader read the primary.
- Orders, payments, baskets, downloads, withdrawals, sessions and logins are read
  from the primary always (`PRIMARY_APPS`), as is anything inside a transaction.
- Read-your-writes: a request that writes reads the primary from then on, and its
  response pins the browser to the primary for `REPLICA_PIN_SECONDS` (a cookie), so
  the reader who just commented or subscribed sees it on the next page.
- Lag: each process asks a replica how far its replay is behind at most once every
  `REPLICA_CHECK_SECONDS`; a replica more than `REPLICA_MAX_LAG` seconds behind, or
  unreachable, is skipped until the next check. With none left, the primary serves.
"""

import contextvars
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
PIN_COOKIE = "primary_until"
# Apps whose rows decide money, access or identity: never read from a copy.
PRIMARY_APPS = frozenset(
    {
        "order",
        "payment",
        "basket",
        "checkout",
        "voucher",
        "delivery",
        "withdrawals",
        "sessions",
        "axes",
        "members",
        "django_tasks_database",
    }
)

_replica_allowed = contextvars.ContextVar("replica_allowed", default=False)
_wrote = contextvars.ContextVar("replica_wrote", default=False)
# alias -> (checked at, usable); per process.
_health: dict[str, tuple[float, bool]] = {}

_LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0 "
    "ELSE EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END"
)


def replica_aliases() -> list[str]:
    """The configured replicas' aliases, in order."""
    return [alias for alias in connections.settings if alias.startswith("replica_")]


def replica_lag(alias: str) -> float | None:
    """Seconds the replica's replay is behind what it received (0 when caught up);
    None when it cannot be asked."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute(_LAG_SQL)
            (lag,) = cursor.fetchone()
    except DatabaseError:
        connections[alias].close()
        return None
    return float(lag or 0)


def replica_usable(alias: str) -> bool:
    """Whether the replica is reachable and within `REPLICA_MAX_LAG`, checked at most
    once per `REPLICA_CHECK_SECONDS` in this process."""
    now = time.monotonic()
    checked = _health.get(alias)
    if checked and now - checked[0] < settings.REPLICA_CHECK_SECONDS:
        return checked[1]
    lag = replica_lag(alias)
    usable = lag is not None and lag <= settings.REPLICA_MAX_LAG
    _health[alias] = (now, usable)
    return usable


def replica_health_forget() -> None:
    """Forget every lag check, so the next read asks again (tests, after failover)."""
    _health.clear()


def _in_transaction() -> bool:
    """Whether code has opened a transaction on the primary: what it reads there
    must be what it is about to write against. (The transaction a Django test case
    wraps around each test is marked as such and does not count.)"""
    return any(
        not getattr(block, "_from_testcase", False)
        for block in connections[PRIMARY].atomic_blocks
    )


class ReplicaRouter:
    """Django database router: writes and most reads to the primary, the reads of a
    marked request to a usable replica."""

    def db_for_read(self, model, **hints) -> str:
        if not _replica_allowed.get() or _wrote.get():
            return PRIMARY
        if model._meta.app_label in PRIMARY_APPS:
            return PRIMARY
        if _in_transaction():
            return PRIMARY
        usable = [alias for alias in replica_aliases() if replica_usable(alias)]
        return random.choice(usable) if usable else PRIMARY  # noqa: S311 - spreading load

    def db_for_write(self, model, **hints) -> str:
        # Django asks this for reads that may precede a write too (get_or_create),
        # so it marks nothing: the primary's execute wrapper notes real writes.
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, **hints) -> bool:
        return db == PRIMARY


def _may_use_replica(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    try:
        pinned_until = float(request.COOKIES.get(PIN_COOKIE, 0))
    except ValueError:
        pinned_until = 0
    return pinned_until < time.time()


_WRITES = ("INSERT", "UPDATE", "DELETE")


def _writes_noted(execute, sql, params, many, context):
    """Execute wrapper on the primary: after a write, this request reads the
    primary only, and its browser is pinned there."""
    if sql.lstrip()[:6].upper() in _WRITES:
        _wrote.set(True)
    return execute(sql, params, many, context)


class ReplicaRoutingMiddleware:
    """Marks the requests a replica may answer, and pins a browser that wrote."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        allowed = _may_use_replica(request)
        allowed_token = _replica_allowed.set(allowed)
        wrote_token = _wrote.set(False)
        try:
            with connections[PRIMARY].execute_wrapper(_writes_noted):
                response = self.get_response(request)
            wrote = _wrote.get() or request.method not in ("GET", "HEAD")
        finally:
            _replica_allowed.reset(allowed_token)
            _wrote.reset(wrote_token)
        if wrote:
            pin = settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{time.time() + pin:.0f}",
                max_age=pin,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
