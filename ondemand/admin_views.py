"""The editors' side (Wagtail admin → Kurswünsche): the readers' requests, and for
each the composer that puts a course together and sends the reader its link."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors, services
from .composing import draft_step, int_or_none
from .models import MAX_LESSONS, CourseRequest

PERMISSION = "ondemand.handle_course_requests"
SHOWN = 200


@permission_required(PERMISSION, raise_exception=True)
def request_list(request: HttpRequest) -> HttpResponse:
    requests = CourseRequest.objects.prefetch_related("topics", "courses")[:SHOWN]
    return render(request, "ondemand/admin/index.html", {"requests": requests})


@permission_required(PERMISSION, raise_exception=True)
def request_compose(request: HttpRequest, pk: int) -> HttpResponse:
    """The same composer as the reader's, on the editor's draft for this request."""
    course_request = get_object_or_404(CourseRequest, pk=pk)
    terms = selectors.terms_current()
    course = services.course_for_request(course_request, request.user)
    draft = services.Draft(course.title, list(course.page_ids))
    back = request.get_full_path()
    if request.method == "POST":
        if request.POST.get("action") == "close":
            services.request_close(course_request)
            messages.success(request, _("The request is closed."))
            return redirect("ondemand_admin")
        step = draft_step(request, draft)
        services.course_save_draft(course, draft)
        if step == "send":
            try:
                services.offer_send(course, terms)
            except services.Refused as refused:
                messages.error(request, str(refused))
            else:
                messages.success(
                    request,
                    _("The link to “%(title)s” is on its way to %(email)s.")
                    % {"title": course.title, "email": course_request.email},
                )
                return redirect("ondemand_admin")
        return redirect(back)
    state = selectors.composer_state(
        terms,
        draft.ids,
        topic=request.GET.get("thema", "")[:100],
        group=int_or_none(request.GET.get("reihe")),
    )
    return render(
        request,
        "ondemand/admin/compose.html",
        {
            "course_request": course_request,
            "sent": course_request.courses.exclude(sent_at=None),
            "state": state,
            "draft": draft,
            "chosen_ids": set(draft.ids),
            "topic": request.GET.get("thema", ""),
            "group": int_or_none(request.GET.get("reihe")),
            "max_lessons": MAX_LESSONS,
            "form_url": back,
            "editor": True,
            "list_url": reverse("ondemand_admin"),
        },
    )
