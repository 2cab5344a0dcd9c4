"""The shop in the Wagtail admin: a menu link to Oscar's dashboard for staff, and
the sales report under Reports."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import hooks as names

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


@hooks.register("register_admin_urls")
def register_shop_admin_urls():
    return [
        path("reports/sales/", admin_views.sales_report, name="shop_sales_report"),
        path("reports/oss/", admin_views.oss_report, name="shop_oss_report"),
    ]


class SalesReportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_sales_report_menu_item():
    return SalesReportMenuItem(
        _("Sales per product"),
        reverse("shop_sales_report"),
        icon_name="table",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_oss_report_menu_item():
    return SalesReportMenuItem(
        _("OSS report (EU VAT)"),
        reverse("shop_oss_report"),
        icon_name="table",
        order=705,
    )


@hooks.register("register_permissions")
def register_sales_report_permission():
    return Permission.objects.filter(
        content_type__app_label="shop", codename="view_sales_report"
    )


@hooks.register(names.NEWSLETTER_PRODUCT_TEASERS)
def newsletter_product_teasers(ids: list[int]) -> dict[int, dict]:
    """Products picked in a newsletter issue, at their live gross prices."""
    from oscar.templatetags.currency_filters import currency

    from .selectors import product_cards

    return (
        {
            card.pk: {
                "title": card.title,
                "url": card.url,
                "price": currency(card.price, card.currency)
                if card.price is not None
                else "",
            }
            for card in product_cards(list(ids))
        }
        if ids
        else {}
    )


@hooks.register(names.HOME_PAGE_SECTIONS, order=20)
def shop_home_sections(request, sections) -> None:
    """The front page's shelves: books, e-books and courses with cover and price,
    one query per shelf."""
    from .product_classes import SHELF_KINDS
    from .selectors import product_cards

    for section in sections:
        if section.kind != "product_shelf":
            continue
        value = section.value
        topic = value["topic"]
        cards = product_cards(
            None if topic is None else [],
            topics=[topic.pk] if topic is not None else None,
            product_kinds=value["kinds"] or SHELF_KINDS,
            limit=value["count"],
        )
        if cards:
            _courses_link_to_their_pages(cards)
            section.fill(heading=value["heading"], cards=cards)


def _courses_link_to_their_pages(cards) -> None:
    """A course on the shelf leads to its page (overview, lessons, buying), as
    books lead to theirs: one query for all the shelf's courses."""
    from wagtail.models import Page

    course_pages = [card.page_id for card in cards if card.kind_code == "course"]
    if not course_pages:
        return
    live = {
        page.pk: page.url for page in Page.objects.live().filter(pk__in=course_pages)
    }
    for card in cards:
        if card.kind_code == "course" and card.page_id in live:
            card.url = live[card.page_id]
