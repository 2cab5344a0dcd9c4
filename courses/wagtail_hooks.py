"""The courses app in the admin (an "eCourses" menu: each course's enrolments,
where each reader is, mails sent and failed) and in the shop's account tabs."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


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


@hooks.register("shop_account_tabs")
def courses_tab() -> list[dict]:
    return [
        {"title": _("My courses"), "url": reverse("courses:mine"), "code": "courses"}
    ]
