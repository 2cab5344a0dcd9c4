"""The reader's side of a course without a login: a lesson by the mail's signed
link, the course area (pause, resume, interval, next lesson now, unsubscribe),
one-click unsubscribe; and "Meine Kurse" in the account.

Pages reached by a signed link take the link as their authority and post without
a CSRF token (as the newsletter's preference centre does)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from shop.composed import composed_of

from . import selectors, services, tokens
from .models import Enrolment, LessonPage


def _invalid(request: HttpRequest, status: int = 404) -> HttpResponse:
    response = render(request, "courses/invalid.html", status=status)
    response["Cache-Control"] = "private, no-store"
    return response


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def lesson(request: HttpRequest, token: str) -> HttpResponse:
    try:
        enrolment, lesson_id = tokens.lesson_read(token)
    except tokens.Invalid:
        return _invalid(request)
    if not enrolment.is_active:
        return _invalid(request, status=410)
    page = LessonPage.objects.live().filter(pk=lesson_id).first()
    if page is None or enrolment.course_id != page.course.pk:
        return _invalid(request)
    response = lesson_serve(request, page, enrolment=enrolment, by_link=True)
    response.render()
    return _private(response)


def item(request: HttpRequest, token: str) -> HttpResponse:
    """One lesson of a course on demand, as it stood when the reader chose it,
    by the signed link of the mail or the course area."""
    try:
        enrolment, revision_id = tokens.item_read(token)
    except tokens.Invalid:
        return _invalid(request)
    if not enrolment.is_active:
        return _invalid(request, status=410)
    ids = list(enrolment.revision_ids)
    lesson = selectors.composed_lesson(revision_id) if revision_id in ids else None
    if lesson is None:
        return _invalid(request)
    index = ids.index(revision_id)
    services.composed_lesson_read_note(enrolment, revision_id)
    context = {
        "enrolment": enrolment,
        "lesson": lesson,
        "position": index + 1,
        "total": len(ids),
        "previous_url": _lesson_url(enrolment, ids[index - 1]) if index else None,
        "next_url": _lesson_url(enrolment, ids[index + 1])
        if index + 1 < len(ids)
        else None,
        "manage_url": reverse(
            "courses:manage",
            args=[tokens.manage_token(enrolment.pk, enrolment.email)],
        ),
        "tasks": lesson.item.tasks,
    }
    return _private(render(request, "courses/composed_lesson.html", context))


def lesson_serve(
    request: HttpRequest,
    page: LessonPage,
    *,
    enrolment: Enrolment | None = None,
    by_link: bool = False,
) -> HttpResponse:
    """A lesson as its reader may see it: the whole lesson for staff and for an
    enrolled reader (logged in, or by the mail's signed link, `enrolment`), the
    teaser for everyone else. A whole lesson is never cached, and reading it is
    noted for the reader's progress. Serves the page tree's lessons too
    (wagtail_hooks.py, `before_serve_page`)."""
    if enrolment is None and request.user.is_authenticated:
        enrolment = selectors.active_enrolment(request.user, page.course.pk)
    full = enrolment is not None or selectors.is_staff_reader(request.user)
    response = page.serve(request, enrolment=enrolment, full=full, by_link=by_link)
    if full:
        response["Cache-Control"] = "private, no-store"
    if enrolment is not None:
        services.lesson_read_note(enrolment, page)
    return response


def _lesson_url(enrolment: Enrolment, lesson_id: int) -> str:
    """The signed link to one lesson: a page of the course, or a revision of a
    course on demand."""
    if enrolment.revision_ids:
        return reverse(
            "courses:item",
            args=[tokens.item_token(enrolment.pk, enrolment.email, lesson_id)],
        )
    return reverse(
        "courses:lesson",
        args=[tokens.lesson_token(enrolment.pk, enrolment.email, lesson_id)],
    )


def _manage_context(enrolment: Enrolment, token: str) -> dict:
    if enrolment.revision_ids:
        lessons = selectors.composed_outlines([enrolment]).get(enrolment.pk, [])
        spec = composed_of(enrolment.line)
        offers_pdf = bool(spec and spec.as_pdf)
    else:
        lessons = (
            selectors.course_lessons(enrolment.course) if enrolment.course_id else []
        )
        offers_pdf = bool(enrolment.course and enrolment.course.offers_pdf)
    mailed = selectors.mailed_lessons(enrolment)
    read = selectors.read_lessons(enrolment)
    rows = [
        {
            "lesson": item,
            "url": _lesson_url(enrolment, item.pk),
            "mail": mailed.get(item.pk),
            "read": item.pk in read,
        }
        for item in lessons
    ]
    return {
        "enrolment": enrolment,
        "course": enrolment.course,
        "offers_pdf": offers_pdf,
        "token": token,
        "rows": rows,
        "total": len(rows),
        "read_count": sum(1 for row in rows if row["read"]),
        "intervals": services.INTERVALS,
        "unsubscribe_token": tokens.unsubscribe_token(enrolment.pk, enrolment.email),
    }


@csrf_exempt
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        enrolment = tokens.manage_read(token)
    except tokens.Invalid:
        return _invalid(request)
    if not enrolment.is_active:
        return _invalid(request, status=410)
    if request.method == "POST":
        _manage_action(request, enrolment)
        return redirect("courses:manage", token=token)
    return _private(
        render(request, "courses/manage.html", _manage_context(enrolment, token))
    )


def _manage_action(request: HttpRequest, enrolment: Enrolment) -> None:
    action = request.POST.get("action", "")
    if action == "pause":
        done = services.mail_pause(enrolment)
        text = _("Your e-mail course is paused. Resume it whenever you like.")
    elif action == "resume":
        done = services.mail_resume(enrolment)
        text = _("Your e-mail course goes on: the next lesson comes when it is due.")
    elif action == "next":
        try:
            after = int(request.POST.get("after", ""))
        except ValueError:
            after = -1
        done = services.lesson_next_now(enrolment, after=after)
        text = _("The next lesson is on its way to you.")
    elif action == "interval":
        try:
            done = services.mail_interval_set(
                enrolment, int(request.POST.get("days", ""))
            )
        except ValueError:
            done = False
        text = _("From now on you get a lesson every %(days)d days.") % {
            "days": enrolment.interval_days
        }
    elif action == "unsubscribe":
        done = services.mail_unsubscribe(enrolment)
        text = _(
            "You get no more lessons by e-mail. All lessons stay readable here, and "
            "you can resume the e-mail course at any time."
        )
    else:
        done, text = False, ""
    if done:
        messages.success(request, text)
    else:
        messages.error(
            request,
            _("That was not possible in the course's current state; nothing changed."),
        )


@csrf_exempt
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058: a POST (the mail program's one-click request, or the button)
    stops the e-mail course at once; a GET only asks."""
    try:
        enrolment = tokens.unsubscribe_read(token)
    except tokens.Invalid:
        return _invalid(request)
    manage_url = reverse(
        "courses:manage", args=[tokens.manage_token(enrolment.pk, enrolment.email)]
    )
    context = {"enrolment": enrolment, "token": token, "manage_url": manage_url}
    if request.method == "POST":
        services.mail_unsubscribe(enrolment)
        return _private(render(request, "courses/unsubscribed.html", context))
    return _private(render(request, "courses/unsubscribe.html", context))


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    items = [
        {
            "progress": progress,
            "manage_url": reverse(
                "courses:manage",
                args=[
                    tokens.manage_token(progress.enrolment.pk, progress.enrolment.email)
                ],
            )
            if progress.enrolment.is_active and progress.enrolment.email
            else None,
        }
        for progress in selectors.my_courses(request.user)
    ]
    return render(
        request,
        "courses/my_courses.html",
        {"items": items, "active_tab": "courses", "page_title": _("My courses")},
    )
