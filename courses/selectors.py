"""Reads of the courses app: a course's lessons in order, who may read a lesson,
a reader's courses and progress, and the staff's figures."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.urls import reverse
from wagtail.models import Revision

from shop.selectors import page_on_sale, product_cards

from .models import (
    CoursePage,
    Enrolment,
    FinalLessonTemplate,
    LessonMail,
    LessonPage,
    LessonRead,
)


def course_lessons(course: CoursePage) -> list[LessonPage]:
    """The live lessons in the reader's order: tree order, the final lesson last
    wherever an editor dragged it. One query."""
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    return sorted(lessons, key=lambda lesson: lesson.is_final)


@dataclass(frozen=True)
class Outline:
    """A lesson as the mailer needs it: no body, no page object."""

    pk: int
    title: str
    is_final: bool


def course_outline(course: CoursePage) -> list[Outline]:
    rows = (
        LessonPage.objects.child_of(course)
        .live()
        .order_by("path")
        .values_list("pk", "title", "is_final")
    )
    return sorted((Outline(*row) for row in rows), key=lambda item: item.is_final)


def composed_outlines(enrolments) -> dict[int, list[Outline]]:
    """{enrolment id: its lessons} for courses on demand: each lesson is the
    revision the reader chose (its id is the outline's `pk`), in their order, the
    final lesson last. One query for any number of readers."""
    wanted = {rid for enrolment in enrolments for rid in enrolment.revision_ids}
    if not wanted:
        return {}
    final_type = ContentType.objects.get_for_model(FinalLessonTemplate).pk
    rows = {
        pk: Outline(pk, title, content_type_id == final_type)
        for pk, title, content_type_id in Revision.objects.filter(
            pk__in=wanted
        ).values_list("pk", "object_str", "base_content_type_id")
    }
    return {
        enrolment.pk: [rows[rid] for rid in enrolment.revision_ids if rid in rows]
        for enrolment in enrolments
    }


@dataclass(frozen=True)
class ComposedLesson:
    """A course on demand's lesson as the reader reads it: the revision chosen."""

    pk: int  # the revision's id
    title: str
    teaser: str
    is_final: bool
    item: object  # home.learning.CourseItem
    page: object  # the page (or template) as it stood in that revision


def composed_lesson(revision_id: int) -> ComposedLesson | None:
    revision = Revision.objects.filter(pk=revision_id).first()
    if revision is None:
        return None
    page = revision.as_object()
    item = page.course_item()
    return ComposedLesson(
        pk=revision.pk,
        title=item.title,
        teaser=item.lead,
        is_final=item.kind == "final",
        item=item,
        page=page,
    )


def is_staff_reader(user) -> bool:
    """Editors see every lesson in full (to check what they wrote)."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def active_enrolment(user, course_id: int) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(
            user=user,
            course_id=course_id,
            status=Enrolment.Status.ACTIVE,
            erased_at=None,
        )
        .order_by("-created_at")
        .first()
    )


def tasks_of(lesson) -> list[dict]:
    """The learning tasks of a lesson (or any lesson-like page), numbered, as
    HTML and as plain text (for the mail's text part)."""
    return lesson.course_item().tasks


def numbered_blocks(lesson: LessonPage) -> list[dict]:
    """The body's blocks, learning tasks numbered within the lesson."""
    items, number = [], 0
    for block in lesson.body:
        if block.block_type == "task_block":
            number += 1
            items.append({"block": block, "number": number})
        else:
            items.append({"block": block, "number": None})
    return items


def course_page_context(course: CoursePage, user) -> dict:
    lessons = course_lessons(course)
    enrolment = active_enrolment(user, course.pk)
    return {
        "lessons": lessons,
        "lesson_count": sum(1 for lesson in lessons if not lesson.is_final),
        "offer": next(iter(product_cards([], sold_from_page=course.pk)), None)
        if course.pk and page_on_sale(page_id=course.pk)
        else None,
        "enrolment": enrolment,
        "staff_reader": is_staff_reader(user),
    }


def lesson_page_context(
    lesson: LessonPage, *, full: bool, enrolment=None, by_link: bool = False
) -> dict:
    """The lesson's place in its course and, for a reader who came by a mail's
    link (no login), signed links to the lessons before and after."""
    course = lesson.course
    lessons = course_lessons(course)
    ids = [item.pk for item in lessons]
    index = ids.index(lesson.pk) if lesson.pk in ids else None
    previous = lessons[index - 1] if index else None
    following = (
        lessons[index + 1] if index is not None and index + 1 < len(lessons) else None
    )

    def url(item):
        if item is None:
            return None
        if by_link and enrolment is not None:
            from .tokens import lesson_token

            return reverse(
                "courses:lesson",
                args=[lesson_token(enrolment.pk, enrolment.email, item.pk)],
            )
        return item.url

    manage_url = None
    if enrolment is not None and enrolment.email:
        from .tokens import manage_token

        manage_url = reverse(
            "courses:manage", args=[manage_token(enrolment.pk, enrolment.email)]
        )
    return {
        "course": course,
        "full": full,
        "position": index + 1 if index is not None else None,
        "total": len(lessons),
        "previous": previous,
        "previous_url": url(previous),
        "next": following,
        "next_url": url(following),
        "blocks": numbered_blocks(lesson) if full else [],
        "manage_url": manage_url,
    }


@dataclass
class Progress:
    enrolment: Enrolment
    total: int
    read: int
    lessons: list[LessonPage]


def my_courses(user) -> list[Progress]:
    """The reader's enrolments with their progress: a handful of queries for any
    number of courses."""
    enrolments = list(
        Enrolment.objects.filter(user=user, erased_at=None)
        .select_related("course")
        .annotate(read=Count("reads"))
    )
    lessons = {}
    for enrolment in enrolments:
        if enrolment.course_id and enrolment.course_id not in lessons:
            lessons[enrolment.course_id] = course_lessons(enrolment.course)
    composed = composed_outlines([e for e in enrolments if e.revision_ids])
    return [
        Progress(
            enrolment=enrolment,
            total=len(
                composed.get(enrolment.pk, [])
                if enrolment.revision_ids
                else lessons.get(enrolment.course_id, [])
            ),
            read=enrolment.read,
            lessons=lessons.get(enrolment.course_id, []),
        )
        for enrolment in enrolments
    ]


def read_lessons(enrolment: Enrolment) -> set[int]:
    """The lessons read (revision ids for a course on demand)."""
    field = "revision_id" if enrolment.revision_ids else "lesson_id"
    return set(
        LessonRead.objects.filter(enrolment=enrolment).values_list(field, flat=True)
    )


def mailed_lessons(enrolment: Enrolment) -> dict[int, LessonMail]:
    """The lessons mailed, by lesson (by revision for a course on demand)."""
    field = "revision_id" if enrolment.revision_ids else "lesson_id"
    return {
        getattr(mail, field): mail
        for mail in enrolment.mails.all()
        if getattr(mail, field)
    }


def course_report() -> list[dict]:
    """Per course: enrolments, the e-mail course's states, mails sent and failed.
    Two queries."""
    courses = list(CoursePage.objects.order_by("title").values("pk", "title", "live"))
    states = Enrolment.objects.values("course_id").annotate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=Enrolment.Status.ACTIVE)),
        running=Count("pk", filter=Q(mail_state=Enrolment.Mail.ACTIVE)),
        paused=Count("pk", filter=Q(mail_state=Enrolment.Mail.PAUSED)),
        finished=Count("pk", filter=Q(mail_state=Enrolment.Mail.FINISHED)),
        unsubscribed=Count("pk", filter=Q(mail_state=Enrolment.Mail.UNSUBSCRIBED)),
    )
    mails = LessonMail.objects.values("enrolment__course_id").annotate(
        sent=Count("pk", filter=Q(state=LessonMail.State.SENT)),
        failed=Count("pk", filter=Q(state=LessonMail.State.FAILED)),
    )
    by_course = {row["course_id"]: row for row in states}
    mails_by_course = {row["enrolment__course_id"]: row for row in mails}
    return [
        {
            **course,
            **by_course.get(course["pk"], {}),
            **{
                key: value
                for key, value in mails_by_course.get(course["pk"], {}).items()
                if key in ("sent", "failed")
            },
        }
        for course in courses
    ]


def course_enrolments(course: CoursePage):
    """Each reader of a course with where they are and their mails' counts (one
    query, paged by the view)."""
    return (
        Enrolment.objects.filter(course=course)
        .select_related("line__order")
        .annotate(
            sent=Count("mails", filter=Q(mails__state=LessonMail.State.SENT)),
            failed=Count("mails", filter=Q(mails__state=LessonMail.State.FAILED)),
        )
        .order_by("-created_at")
    )


def lines_enrolled_at(line_ids) -> dict:
    """When each of these order lines' course began: enrolment opens the course
    area and mails the first lesson at once, so it is the start of delivery
    (§ 356(5) BGB). Lines without an enrolment are missing. One query."""
    return dict(
        Enrolment.objects.filter(line_id__in=list(line_ids)).values_list(
            "line_id", "created_at"
        )
    )


def courses_of_products(product_ids: list[int]) -> list[CoursePage]:
    """The live courses these products sell. One query."""
    if not product_ids:
        return []
    return list(
        CoursePage.objects.live()
        .filter(product_id__in=product_ids)
        .only("pk", "product_id", "learning_control", "zfu_number")
    )
