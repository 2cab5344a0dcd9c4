"""The consent ledger page in the Wagtail admin (Settings), for staff with the
permission to view consent records."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_ledger_url():
    return [path("consent/", admin_views.ledger, name="consent_ledger")]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_ledger_menu_item():
    return LedgerMenuItem(
        _("Consent ledger"), reverse("consent_ledger"), icon_name="doc-full", order=910
    )


@hooks.register("register_permissions")
def register_ledger_permission():
    return Permission.objects.filter(
        content_type__app_label="consent", codename="view_consentrecord"
    )
