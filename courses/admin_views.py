"""Staff figures of the eCourses (Wagtail admin → eCourses)."""

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import CoursePage, LessonMail

PERMISSION = "courses.view_course_reports"


@permission_required(PERMISSION, raise_exception=True)
def index(request):
    return render(
        request, "courses/admin/index.html", {"courses": selectors.course_report()}
    )


@permission_required(PERMISSION, raise_exception=True)
def course(request, pk: int):
    page = get_object_or_404(CoursePage, pk=pk)
    total = len(selectors.course_lessons(page))
    enrolments = Paginator(selectors.course_enrolments(page), 50).get_page(
        request.GET.get("p")
    )
    failures = (
        LessonMail.objects.filter(enrolment__course=page, state=LessonMail.State.FAILED)
        .select_related("enrolment")
        .order_by("-claimed_at")[:20]
    )
    return render(
        request,
        "courses/admin/course.html",
        {
            "course": page,
            "total": total,
            "enrolments": enrolments,
            "failures": failures,
        },
    )
