"""Courses on demand in the admin (Kurswünsche: requests and the editors'
composer), and in the shop: the self-study
notice on the product's contract confirmation."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import hooks as names
from courses.models import SELF_STUDY_NOTICE, CoursePage
from home.models import HomePage

from . import admin_views, selectors


@hooks.register("register_admin_urls")
def register_ondemand_urls():
    return [
        path("kurswuensche/", admin_views.request_list, name="ondemand_admin"),
        path(
            "kurswuensche/<int:pk>/",
            admin_views.request_compose,
            name="ondemand_admin_compose",
        ),
    ]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_requests_menu_item():
    return RequestsMenuItem(
        _("Course requests"), reverse("ondemand_admin"), icon_name="tasks", order=335
    )


@hooks.register("register_permissions")
def register_request_permissions():
    return Permission.objects.filter(
        content_type__app_label="ondemand", codename="handle_course_requests"
    )


@hooks.register(names.PAGE_CONTEXT)
def composer_link(page, request, context: dict, **kwargs) -> None:
    """The front page's course shelf and every course page lead to the composer
    while the publisher offers courses on demand."""
    if isinstance(page, CoursePage | HomePage):
        terms = selectors.terms_current()
        if terms.enabled and terms.product_id:
            context["on_demand_url"] = reverse("ondemand:composer")


@hooks.register(names.SHOP_PRODUCT_NOTICES)
def composed_course_notice(products) -> dict[int, list[str]]:
    """A composed course is self-study (FernUSG): said on the contract
    confirmation."""
    product_id = selectors.terms_current().product_id
    if product_id and any(p and p.pk == product_id for p in products):
        return {product_id: [str(SELF_STUDY_NOTICE)]}
    return {}
