"""Which served pages the page cache may keep."""

from wagtail import hooks


@hooks.register("before_serve_page")
def allow_page_cache_for_public_pages(page, request, serve_args, serve_kwargs):
    """Mark the request so the page cache may keep the response: only pages that
    anyone may see (no login, password or group restriction on it or above it)."""
    request.page_cache_allowed = not page.get_view_restrictions().exists()
