"""A counter per key and time window in the shared cache: the sign-up and comment
forms' limits per network and per address."""

from django.core.cache import cache


def within_limit(key: str, limit: int, seconds: int = 3600) -> bool:
    """Count one more for `key`; whether the count is still within `limit` for the
    window that began with the first count."""
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit
