"""Which served pages the page cache may keep."""

from wagtail import hooks

from . import store


# First of the `before_serve_page` hooks: others (a lesson) may answer instead of
# the page, and their answer is stored only if this allowed it.
@hooks.register("before_serve_page", order=-100)
def allow_page_cache_for_public_pages(page, request, serve_args, serve_kwargs):
    """Mark the request so the page cache may keep the response: only pages that
    anyone may see (no login, password or group restriction on it or above it)."""
    if not page.get_view_restrictions().exists():
        store.page_cache_allow(request)
