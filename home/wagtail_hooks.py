"""Wagtail admin additions: the link to Oscar's dashboard for staff, and the
image-rights registry (a report, and a dashboard panel)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


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


@hooks.register("register_admin_urls")
def register_image_rights_url():
    return [path("image-rights/", admin_views.image_rights, name="image_rights")]


class ImageRightsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("wagtailimages.change_image")


@hooks.register("register_reports_menu_item")
def register_image_rights_menu_item():
    return ImageRightsMenuItem(
        _("Image rights"), reverse("image_rights"), icon_name="image", order=700
    )


@hooks.register("construct_homepage_panels")
def add_expiring_licences_panel(request, panels):
    if request.user.has_perm("wagtailimages.change_image"):
        panels.append(admin_views.ExpiringLicencesPanel())
