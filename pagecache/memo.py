"""Values built from the database and kept in this process, for as long as the
shared token they were built under is unchanged.

On this kind of machine every round trip to PostgreSQL or Redis costs a quarter to
half a millisecond, more than rendering a small template. Routing, the site, the
navigation and the publisher data change only when an editor publishes or saves
settings, which bumps a token (`pagecache.store`); each process then builds them
afresh once, instead of fetching them from Redis on every request.
"""

import time
from collections.abc import Callable, Hashable
from typing import Any

from django.conf import settings

from . import store


class TokenMemo:
    """A bounded dict emptied whenever `token()` answers something new, and at the
    latest after `settings.LOCAL_MEMO_SECONDS`."""

    def __init__(self, token: Callable[[], int], max_entries: int = 2000):
        self._token = token
        self._max_entries = max_entries
        self._built_under: int | None = None
        self._built_at = 0.0
        self._values: dict[Hashable, Any] = {}

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        token = self._token()
        now = time.monotonic()
        if (
            token != self._built_under
            or now - self._built_at > settings.LOCAL_MEMO_SECONDS
        ):
            self._values = {}
            self._built_under = token
            self._built_at = now
        try:
            return self._values[key]
        except KeyError:
            pass
        value = build()
        if len(self._values) >= self._max_entries:
            self._values = {}  # a crawler's stream of odd URLs can't grow it forever
        self._values[key] = value
        return value


# The page tree, sites and restrictions: routing, site lookup, navigation.
structure = TokenMemo(store.structure_generation)
# Settings, images, snippets and products: the publisher data.
fragments = TokenMemo(store.fragments_generation, max_entries=10)
