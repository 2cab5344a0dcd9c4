"""The shop in the Wagtail admin: a menu link to Oscar's dashboard for staff."""

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
