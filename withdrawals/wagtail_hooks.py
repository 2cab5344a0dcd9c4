"""The withdrawals list in the Wagtail admin, its permission, and the account tab
that leads a signed-in reader to the withdrawal function."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import hooks as names

from . import admin_views


@hooks.register("register_admin_urls")
def register_withdrawal_urls():
    return [
        path("withdrawals/", admin_views.withdrawal_list, name="withdrawals_admin"),
        path(
            "withdrawals/<int:pk>/",
            admin_views.withdrawal_action,
            name="withdrawals_admin_action",
        ),
    ]


class WithdrawalsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_withdrawals_menu_item():
    return WithdrawalsMenuItem(
        _("Withdrawals"),
        reverse("withdrawals_admin"),
        icon_name="arrow-left",
        order=340,
    )


@hooks.register("register_permissions")
def register_withdrawal_permissions():
    return Permission.objects.filter(
        content_type__app_label="withdrawals", codename="handle_withdrawals"
    )


@hooks.register(names.SHOP_ACCOUNT_TABS)
def withdrawal_tab() -> list[dict]:
    return [
        {
            "title": _("Withdraw from a contract"),
            "url": reverse("withdrawals:start"),
            "code": "withdrawal",
        }
    ]
