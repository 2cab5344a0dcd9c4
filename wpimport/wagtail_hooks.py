"""The WordPress import in the admin's Settings menu, with the number of imported
pages that still hold content to review."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_wpimport_urls():
    return [
        path("wordpress-import/", admin_views.index, name="wpimport_admin"),
        path("wordpress-import/<int:pk>/", admin_views.run, name="wpimport_run"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_wpimport_menu_item():
    return ImportMenuItem(
        _("WordPress import"),
        reverse("wpimport_admin"),
        icon_name="download",
        order=900,
    )


@hooks.register("register_permissions")
def register_wpimport_permissions():
    return Permission.objects.filter(
        content_type__app_label="wpimport", codename="run_wordpress_import"
    )
