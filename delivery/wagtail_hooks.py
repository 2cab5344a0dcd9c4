"""Delivery in the order lifecycle (grants open when an order is paid and end
when it is cancelled or refunded), in the shop's pages (through the shop's hooks)
and in the Wagtail admin: e-book files (Snippets), tracing a found copy (Reports)."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from core import hooks as names

from . import admin_views, links, selectors, services
from .forms import EbookFileForm
from .models import EbookFile


@hooks.register(names.ORDER_PAID, order=names.ORDER_HANDLER_ORDER["delivery"])
def grants_for_paid_order(*, order) -> None:
    services.grants_open(order=order)


@hooks.register(names.ORDER_CANCELLED, order=names.ORDER_HANDLER_ORDER["delivery"])
@hooks.register(names.ORDER_REFUNDED, order=names.ORDER_HANDLER_ORDER["delivery"])
def grants_for_ended_order(*, order, lines=None) -> None:
    services.grants_revoke(order=order, lines=lines)


@hooks.register(names.SHOP_ORDER_DOWNLOADS)
def order_downloads(order) -> list[dict]:
    return links.order_downloads(order)


@hooks.register(names.SHOP_PRODUCT_UNAVAILABLE)
def ebook_without_file(product) -> str | None:
    """An e-book is sold only once its file is uploaded: a reader who paid would
    otherwise get nothing."""
    if selectors.ebook_file_missing(product):
        return gettext("This e-book cannot be ordered at the moment.")
    return None


class EbooksWithoutFilePanel(Component):
    """On the admin's dashboard: which e-books are not for sale, and why."""

    name = "ebooks_without_file"
    order = 90
    template_name = "delivery/admin/ebooks_without_file_panel.html"

    def __init__(self, products) -> None:
        self.products = products

    def get_context_data(self, parent_context=None) -> dict:
        return {"products": self.products, "add_url": reverse("ebook_files:add")}


@hooks.register("construct_homepage_panels")
def ebooks_without_file_panel(request, panels) -> None:
    if request.user.has_perm("delivery.add_ebookfile"):
        products = selectors.ebooks_without_file()
        if products:
            panels.append(EbooksWithoutFilePanel(products))


class EbookFileViewSet(ModelViewSet):
    model = EbookFile
    form_fields = ["product", "file", "accessibility_confirmed"]
    list_display = ["product", "kind", "accessibility_gaps", "size", "uploaded_at"]
    icon = "doc-full"
    menu_label = _("E-book files")
    add_to_admin_menu = False

    def get_form_class(self, for_update=False):
        return EbookFileForm


ebook_file_viewset = EbookFileViewSet("ebook_files")


@hooks.register("register_admin_viewset")
def register_ebook_files():
    return ebook_file_viewset


@hooks.register("register_admin_urls")
def register_trace_url():
    return [path("reports/trace-copy/", admin_views.trace, name="delivery_trace")]


class TraceMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_trace_menu_item():
    return TraceMenuItem(
        _("Trace a copy"), reverse("delivery_trace"), icon_name="search", order=710
    )


class EbookFilesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("delivery.add_ebookfile")


@hooks.register("register_settings_menu_item")
def register_ebook_files_menu_item():
    return EbookFilesMenuItem(
        _("E-book files"), reverse("ebook_files:index"), icon_name="doc-full", order=650
    )


@hooks.register("register_permissions")
def register_delivery_permissions():
    return Permission.objects.filter(
        content_type__app_label="delivery",
        codename__in=[
            "view_delivery",
            "add_renewal",
            "add_ebookfile",
            "change_ebookfile",
            "delete_ebookfile",
        ],
    )


@hooks.register(names.SHOP_ACCOUNT_TABS)
def downloads_tab() -> list[dict]:
    return [
        {
            "title": _("My downloads"),
            "url": reverse("delivery:mine"),
            "code": "downloads",
        }
    ]
