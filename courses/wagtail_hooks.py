"""The courses app in the order lifecycle (enrolment when an order is paid, its end
when it is cancelled or refunded), in the admin (an "eCourses" menu: each course's
enrolments, where each reader is, mails sent and failed) and in the account tabs."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core import hooks as names

from . import admin_views, selectors, services, views
from .models import CoursePage, FinalLessonTemplate, LessonPage


@hooks.register("before_serve_page")
def lesson_serve(page, request, serve_args, serve_kwargs):
    """A lesson from the page tree: whole or teaser, decided in `views`."""
    if isinstance(page, LessonPage):
        return views.lesson_serve(request, page)
    return None


@hooks.register(names.PAGE_CONTEXT)
def course_page_context(page, request, context: dict, **kwargs) -> None:
    """What a course or a lesson page shows around its own fields; a lesson's
    access (`enrolment`, `full`, `by_link`) comes from `views.lesson_serve`."""
    if isinstance(page, CoursePage):
        context.update(selectors.course_page_context(page, request.user))
    elif isinstance(page, LessonPage):
        context.update(
            selectors.lesson_page_context(
                page,
                full=kwargs.get("full", False),
                enrolment=kwargs.get("enrolment"),
                by_link=kwargs.get("by_link", False),
            )
        )


@hooks.register(names.ORDER_PAID, order=names.ORDER_HANDLER_ORDER["courses"])
def enrolments_for_paid_order(*, order) -> None:
    services.enrolments_open(order=order)


@hooks.register(names.ORDER_CANCELLED, order=names.ORDER_HANDLER_ORDER["courses"])
@hooks.register(names.ORDER_REFUNDED, order=names.ORDER_HANDLER_ORDER["courses"])
def enrolments_for_ended_order(*, order, lines=None) -> None:
    services.enrolments_end(order=order, lines=lines)


@hooks.register("register_admin_urls")
def register_course_report_urls():
    return [
        path("courses/", admin_views.index, name="courses_report"),
        path("courses/<int:pk>/", admin_views.course, name="courses_report_course"),
    ]


class CoursesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_courses_menu_item():
    return CoursesMenuItem(
        _("eCourses"), reverse("courses_report"), icon_name="tasks", order=330
    )


@hooks.register("register_permissions")
def register_course_permissions():
    return Permission.objects.filter(
        content_type__app_label="courses", codename="view_course_reports"
    )


class FinalLessonTemplateViewSet(SnippetViewSet):
    """The closing lessons of courses on demand (Snippets)."""

    model = FinalLessonTemplate
    icon = "tasks"
    menu_label = _("Final-lesson templates")
    list_display = ["title"]


register_snippet(FinalLessonTemplateViewSet)


@hooks.register(names.SHOP_PRODUCT_NOTICES)
def course_notices(products) -> dict[int, list[str]]:
    """A course's status under the FernUSG, for its product page and the
    contract confirmation."""
    return {
        course.product_id: [str(course.distance_learning_notice)]
        for course in selectors.courses_of_products([p.pk for p in products if p])
    }


@hooks.register(names.SHOP_ACCOUNT_TABS)
def courses_tab() -> list[dict]:
    return [
        {"title": _("My courses"), "url": reverse("courses:mine"), "code": "courses"}
    ]
