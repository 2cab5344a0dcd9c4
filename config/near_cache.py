"""A process-local cache in front of the shared one, for template fragments.

Fragment keys carry everything that changes their content (the page's publish time,
the fragment generation, the language), so a fragment kept in this process can never
be out of date by a change; it only saves the round trip to Redis, which on this kind
of machine costs more than a quarter of a millisecond per fragment. Local memory is
bounded (`NEAR_MAX_ENTRIES`, least recently used first), and a local copy is kept no
longer than `TIMEOUT`.
"""

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()


class NearCache(BaseCache):
    """Reads local memory first, then the cache named `FAR` (copying what it finds);
    writes go to both."""

    def __init__(self, location: str, params: dict):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._far_alias = options.get("FAR", "default")
        self._near = LocMemCache(
            f"near-{location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "OPTIONS": {"MAX_ENTRIES": options.get("NEAR_MAX_ENTRIES", 300)},
            },
        )

    @property
    def _far(self) -> BaseCache:
        return caches[self._far_alias]

    def get(self, key, default=None, version=None):
        value = self._near.get(key, _MISSING, version=version)
        if value is _MISSING:
            value = self._far.get(key, _MISSING, version=version)
            if value is _MISSING:
                return default
            self._near.set(key, value, version=version)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._far.set(key, value, timeout, version=version)
        self._near.set(key, value, timeout, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = self._far.add(key, value, timeout, version=version)
        if added:
            self._near.set(key, value, timeout, version=version)
        return added

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._near.touch(key, timeout, version=version)
        return self._far.touch(key, timeout, version=version)

    def delete(self, key, version=None):
        self._near.delete(key, version=version)
        return self._far.delete(key, version=version)

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self):
        self._near.clear()
        self._far.clear()
