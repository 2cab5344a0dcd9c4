"""Django's Redis cache, keeping one client per connection pool and surviving an
outage of Redis.

One client per pool: Django's `RedisCacheClient.get_client` builds a new
`redis.Redis` object for every cache call, and redis-py 8 fills a table of some 170
response callbacks each time: about 0.2 ms per call, several calls per page. The
client is thread-safe and its pool already is per process, so one client per pool is
kept and reused.

Outage: the cache only ever speeds the site up (sessions, baskets and orders live in
the database), so when Redis cannot be reached every call answers as an empty cache
would: reads miss, writes are dropped, `add` adds nothing and `incr` finds no key.
The page cache then serves every page uncached, rate limits let requests through,
fragments are rendered afresh. The first failure is logged as an error; for
`RETRY_SECONDS` after it Redis is not asked again (a dead server must not cost a
connection attempt per call), then the next call tries, and the recovery is logged.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("config.redis_cache")

RETRY_SECONDS = 2.0
OUTAGE = (RedisConnectionError, RedisTimeoutError, OSError)


class ReusingRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(index)
        if client is None:
            client = clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class _Health:
    """Whether Redis answered lately, shared by the threads of a process."""

    def __init__(self) -> None:
        self.down_since: float | None = None
        self.retry_at = 0.0
        self.lock = threading.Lock()

    def skip(self) -> bool:
        return self.down_since is not None and time.monotonic() < self.retry_at

    def failed(self, error: Exception) -> None:
        with self.lock:
            now = time.monotonic()
            if self.down_since is None:
                self.down_since = now
                logger.error(
                    "Redis is unreachable (%s): serving without the cache until it "
                    "is back",
                    error,
                )
            self.retry_at = now + RETRY_SECONDS

    def answered(self) -> None:
        if self.down_since is not None:
            with self.lock:
                if self.down_since is not None:
                    logger.warning(
                        "Redis is reachable again after %.0f s",
                        time.monotonic() - self.down_since,
                    )
                    self.down_since = None


class ReusingRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        # Give up quickly on a server that does not answer: a page served without
        # the cache is better than a page that waits.
        options.setdefault("socket_connect_timeout", 0.5)
        options.setdefault("socket_timeout", 1.0)
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self.health = _Health()

    @property
    def is_down(self) -> bool:
        return self.health.down_since is not None

    def _call(self, method: str, fallback, *args, **kwargs):
        if self.health.skip():
            return fallback()
        try:
            result = getattr(super(), method)(*args, **kwargs)
        except OUTAGE as error:
            self.health.failed(error)
            return fallback()
        self.health.answered()
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unreachable)")

        return self._call("incr", missing, key, delta, version)

    def clear(self):
        return self._call("clear", lambda: False)
