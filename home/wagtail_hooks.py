"""Wagtail admin additions: the link to Oscar's dashboard for staff."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class ShopDashboardMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_staff


@hooks.register("register_admin_menu_item")
def register_shop_dashboard_menu_item():
    return ShopDashboardMenuItem(
        _("Shop dashboard"),
        reverse("dashboard:index"),
        icon_name="site",
        order=900,
    )


@hooks.register("before_serve_page")
def allow_page_cache_for_public_pages(page, request, serve_args, serve_kwargs):
    """Mark the request so the page cache may keep the response: only pages that
    anyone may see (no login, password or group restriction on it or above it)."""
    request.page_cache_allowed = not page.get_view_restrictions().exists()
