"""The image-rights registry in the Wagtail admin: a report and a dashboard panel."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


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


@hooks.register("register_image_operations")
def register_share_card_operation():
    """`sharecard-<revision id>` in a filter spec: the page's share image."""
    from .share import ShareCardOperation

    return [("sharecard", ShareCardOperation)]
