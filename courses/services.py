"""Writes of the courses app: enrolment when an order is paid, its end when the
order is cancelled or refunded, and what a reader does with the e-mail course
(pause, resume, interval, next lesson now, unsubscribe)."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mail.later import mail_queue
from shop.composed import composed_of
from shop.product_classes import product_may_be
from shop.selectors import pages_sold
from shop.services import product_page_link

from .dispatch import welcome_mail
from .models import CoursePage, Enrolment, LessonPage, LessonRead
from .tasks import lesson_mail_now

INTERVALS = (1, 2, 3, 7)  # what a reader may choose, in days


def enrolments_open(*, order) -> list[Enrolment]:
    """Enrol the buyer in each course the order's lines bought (a guest by the
    order's address, an account also by its user). An e-mail course starts at
    once: the first lesson is queued after the commit."""
    lines = [line for line in order.lines.all() if line.product_id]
    sold = pages_sold(
        [line.product for line in lines if product_may_be(line.product, "course")]
    )
    courses = {
        course.pk: course for course in CoursePage.objects.filter(pk__in=sold.values())
    }
    now = timezone.now()
    wanted = []
    for line in lines:
        composed = composed_of(line)
        if composed is not None:
            # A course on demand: the lessons the reader chose, by e-mail if it
            # was sold so, and readable in the course area either way.
            wanted.append(
                Enrolment(
                    course=None,
                    course_title=composed.title[:255],
                    revision_ids=composed.revision_ids,
                    line=line,
                    email=order.email,
                    user_id=order.user_id,
                    language=order.language or "de",
                    mail_state=Enrolment.Mail.ACTIVE
                    if composed.by_mail
                    else Enrolment.Mail.NONE,
                    interval_days=composed.interval_days,
                    next_lesson_at=now if composed.by_mail else None,
                )
            )
            continue
        course = courses.get(sold.get(line.product_id))
        if course is None:
            continue
        by_mail = course.offers_email
        wanted.append(
            Enrolment(
                course=course,
                course_title=course.title[:255],
                line=line,
                email=order.email,
                user_id=order.user_id,
                language=order.language or "de",
                mail_state=Enrolment.Mail.ACTIVE if by_mail else Enrolment.Mail.NONE,
                interval_days=course.mail_interval_days,
                next_lesson_at=now if by_mail else None,
            )
        )
    if not wanted:
        return []
    Enrolment.objects.bulk_create(wanted, ignore_conflicts=True)
    enrolments = list(Enrolment.objects.filter(line__in=[item.line for item in wanted]))
    for enrolment in enrolments:
        if enrolment.mail_state == Enrolment.Mail.ACTIVE:
            transaction.on_commit(lambda pk=enrolment.pk: lesson_mail_now.enqueue(pk))
        else:
            mail_queue(welcome_mail, enrolment_id=enrolment.pk)
    return enrolments


def course_sale_link(*, course: CoursePage) -> None:
    """The course is published: the product it names now sells it
    (`Product.page`, where delivery and enrolment read the link)."""
    if course.product_id:
        product_page_link(product_id=course.product_id, page_id=course.pk)


def course_search_refresh(*, lesson) -> None:
    """Index the lesson's course again, after the commit (its entry holds the
    lessons' titles and teasers)."""
    from wagtail.search import index

    course = CoursePage.objects.filter(pk=lesson.get_parent().pk).first()
    if course is not None:
        transaction.on_commit(lambda: index.insert_or_update_object(course))


def enrolments_end(*, order, lines=None) -> int:
    """A cancelled or refunded order ends its courses: no more lessons, no more
    reading; those of `lines` only, when a refund covers some of them."""
    enrolments = Enrolment.objects.filter(
        line__order=order, status=Enrolment.Status.ACTIVE
    )
    if lines is not None:
        enrolments = enrolments.filter(line__in=[line.pk for line in lines])
    return enrolments.update(status=Enrolment.Status.ENDED, ended_at=timezone.now())


def _update(enrolment: Enrolment, **fields) -> bool:
    changed = Enrolment.objects.filter(
        pk=enrolment.pk, status=Enrolment.Status.ACTIVE, erased_at=None
    ).update(**fields)
    for name, value in fields.items():
        setattr(enrolment, name, value)
    return bool(changed)


def mail_pause(enrolment: Enrolment) -> bool:
    if enrolment.mail_state != Enrolment.Mail.ACTIVE:
        return False
    return _update(enrolment, mail_state=Enrolment.Mail.PAUSED)


def mail_resume(enrolment: Enrolment) -> bool:
    """Go on after a pause or an unsubscription; the next lesson comes with the
    next run if it was due meanwhile."""
    if enrolment.mail_state not in (Enrolment.Mail.PAUSED, Enrolment.Mail.UNSUBSCRIBED):
        return False
    now = timezone.now()
    next_at = max(enrolment.next_lesson_at or now, now)
    return _update(enrolment, mail_state=Enrolment.Mail.ACTIVE, next_lesson_at=next_at)


def mail_interval_set(enrolment: Enrolment, days: int) -> bool:
    """A new interval counts from the last lesson (or from now)."""
    if days not in INTERVALS:
        raise ValueError(days)
    now = timezone.now()
    fields = {"interval_days": days}
    if enrolment.mail_state in (Enrolment.Mail.ACTIVE, Enrolment.Mail.PAUSED):
        base = enrolment.last_lesson_at or now
        fields["next_lesson_at"] = max(base + timedelta(days=days), now)
    return _update(enrolment, **fields)


def lesson_next_now(enrolment: Enrolment, *, after: int) -> bool:
    """Send the next lesson at once. `after` is how many lessons the reader's page
    showed as sent: a second click on the same button sends nothing more."""
    if (
        enrolment.mail_state not in (Enrolment.Mail.ACTIVE, Enrolment.Mail.PAUSED)
        or enrolment.lessons_sent != after
    ):
        return False
    changed = Enrolment.objects.filter(
        pk=enrolment.pk,
        status=Enrolment.Status.ACTIVE,
        erased_at=None,
        lessons_sent=after,
    ).update(mail_state=Enrolment.Mail.ACTIVE, next_lesson_at=timezone.now())
    if changed:
        transaction.on_commit(lambda: lesson_mail_now.enqueue(enrolment.pk))
    return bool(changed)


def mail_unsubscribe(enrolment: Enrolment) -> bool:
    """Stop the e-mail course (the reader keeps the course on the site and may
    resume it)."""
    if enrolment.mail_state not in (Enrolment.Mail.ACTIVE, Enrolment.Mail.PAUSED):
        return False
    return _update(enrolment, mail_state=Enrolment.Mail.UNSUBSCRIBED)


def lesson_read_note(enrolment: Enrolment, lesson: LessonPage) -> None:
    """The reader opened the lesson (their progress)."""
    LessonRead.objects.bulk_create(
        [LessonRead(enrolment=enrolment, lesson=lesson)], ignore_conflicts=True
    )


def composed_lesson_read_note(enrolment: Enrolment, revision_id: int) -> None:
    """The reader opened a lesson of their course on demand."""
    LessonRead.objects.bulk_create(
        [LessonRead(enrolment=enrolment, revision_id=revision_id)],
        ignore_conflicts=True,
    )
