"""The GDPR requests page in the Wagtail admin (Settings menu), for staff with the
"Can export and erase personal data" permission."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("privacy/", views.privacy_index, name="privacy_index"),
        path("privacy/erase/", views.privacy_erase, name="privacy_erase"),
    ]


class PrivacyMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_privacy_menu_item():
    return PrivacyMenuItem(
        _("Personal data (GDPR)"),
        reverse("privacy_index"),
        icon_name="user",
        order=900,
    )


@hooks.register("register_permissions")
def register_privacy_permission():
    """Lets administrators grant the permission to a group in Wagtail's group
    editor."""
    return Permission.objects.filter(
        content_type__app_label="privacy", codename="manage_personal_data"
    )
