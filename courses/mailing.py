"""The e-mail course: one lesson per reader and interval, sent in the background.

`lessons_due_run` (queued every minute by `run_schedule`, and for one reader by
"next lesson now") claims readers whose next lesson is due, in chunks: for each it
writes the lesson's `LessonMail` as "claimed" and moves the reader's schedule on,
in one transaction, then sends the chunk's mails over one SMTP connection and
marks them "sent" or "failed".

- **Never twice.** A lesson is claimed (committed) before its mail goes out, and a
  reader can hold each lesson once (unique constraints). A worker that dies after
  claiming leaves the rows "claimed"; the next run counts them as failed
  ("interrupted") and never sends them again. At most one chunk (`CLAIM`) can miss
  its lesson in a crash; staff see it, and the reader can read it on the site.
- **Catch-up, not a flood.** `next_lesson_at` is the reader's plan: each lesson
  moves it on by the interval from when the lesson was planned, not from when it
  went out. A run sends each reader at most one lesson, and only if their last one
  went out `COURSE_CATCH_UP_HOURS` ago or more (at most a day, the shortest
  interval): after a downtime, readers get the missed lessons one a day until
  they are back on their plan. "Next lesson now" skips the wait on purpose.
- **Which lesson.** The first live lesson of the course, in the reader's order (final
  lesson last), that this reader has not been mailed: an editor who reorders or adds
  lessons mid-course never makes anyone get a lesson twice.
"""

import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import formataddr, make_msgid, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from home.selectors import publisher_info
from pagecache.routing import default_site

from . import selectors, tokens
from .models import Enrolment, LessonMail, LessonPage

CLAIM = 50  # readers claimed together: the most a crash can cost
BATCH = 500  # mails per SMTP connection
STALE = timedelta(minutes=5)  # a claimed mail older than this lost its worker
INTERRUPTED = "interrupted (the worker stopped while sending)"

# Placeholders of a rendered lesson mail, replaced per reader.
LESSON_URL = "https://lesson.placeholder.invalid/"
MANAGE_URL = "https://manage.placeholder.invalid/"
UNSUBSCRIBE_URL = "https://unsubscribe.placeholder.invalid/"


@dataclass
class Claimed:
    mail: LessonMail
    enrolment: Enrolment
    number: int  # the lesson's place in the course (1-based)
    total: int


def lessons_due_run(
    *, now: datetime | None = None, enrolment_id: int | None = None
) -> dict[str, int]:
    """Send every due reader (or one) their next lesson. Returns counts."""
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "interrupted": interrupted_mark(now)}
    mailer = LessonMailer()
    try:
        while True:
            claimed = claim(now=now, enrolment_id=enrolment_id)
            if not claimed:
                break
            mailer.send(claimed, counts)
            if enrolment_id is not None:
                break
    finally:
        mailer.close()
    return counts


def interrupted_mark(now: datetime) -> int:
    """Mails a dead run claimed may have gone out: counted as failed, never
    sent again."""
    return LessonMail.objects.filter(
        state=LessonMail.State.CLAIMED, claimed_at__lt=now - STALE
    ).update(state=LessonMail.State.FAILED, error=INTERRUPTED)


def next_due(enrolment: Enrolment, now: datetime) -> datetime:
    """The plan moves on by the interval from the lesson's planned time."""
    return (enrolment.next_lesson_at or now) + timedelta(days=enrolment.interval_days)


def catch_up_gap() -> timedelta:
    return timedelta(hours=min(settings.COURSE_CATCH_UP_HOURS, 24))


def claim(*, now: datetime, enrolment_id: int | None = None) -> list[Claimed]:
    """Claim the next lesson of up to `CLAIM` due readers, in one transaction:
    rows other runs hold are skipped (PostgreSQL), and SQLite's write lock
    serialises runs."""
    with transaction.atomic():
        due = Enrolment.objects.filter(
            status=Enrolment.Status.ACTIVE,
            mail_state=Enrolment.Mail.ACTIVE,
            next_lesson_at__lte=now,
            erased_at=None,
        )
        if enrolment_id is not None:
            due = due.filter(pk=enrolment_id)  # asked for: no catch-up wait
        else:
            due = due.filter(
                Q(last_lesson_at=None) | Q(last_lesson_at__lte=now - catch_up_gap())
            )
        enrolments = list(
            due.select_for_update(skip_locked=True).order_by("next_lesson_at", "pk")[
                :CLAIM
            ]
        )
        if not enrolments:
            return []
        outlines = _outlines({e.course_id for e in enrolments if e.course_id})
        mailed: dict[int, set[int]] = {}
        for enrolment_pk, lesson_id in LessonMail.objects.filter(
            enrolment__in=enrolments
        ).values_list("enrolment_id", "lesson_id"):
            mailed.setdefault(enrolment_pk, set()).add(lesson_id)
        claimed = []
        for enrolment in enrolments:
            outline = outlines.get(enrolment.course_id, [])
            done = mailed.get(enrolment.pk, set())
            remaining = [item for item in outline if item.pk not in done]
            if not remaining:
                if outline or enrolment.course_id is None:
                    enrolment.mail_state = Enrolment.Mail.FINISHED
                    enrolment.next_lesson_at = None
                else:  # a course without live lessons (unpublished): ask later
                    enrolment.next_lesson_at = now + timedelta(days=1)
                continue
            lesson = remaining[0]
            enrolment.lessons_sent += 1
            mail = LessonMail(
                enrolment=enrolment,
                lesson_id=lesson.pk,
                lesson_title=lesson.title[:255],
                position=enrolment.lessons_sent,
                state=LessonMail.State.CLAIMED,
                claimed_at=now,
            )
            enrolment.last_lesson_at = now
            if len(remaining) == 1:
                enrolment.mail_state = Enrolment.Mail.FINISHED
                enrolment.next_lesson_at = None
            else:
                enrolment.next_lesson_at = next_due(enrolment, now)
            claimed.append(
                Claimed(
                    mail=mail,
                    enrolment=enrolment,
                    number=outline.index(lesson) + 1,
                    total=len(outline),
                )
            )
        LessonMail.objects.bulk_create([item.mail for item in claimed])
        Enrolment.objects.bulk_update(
            enrolments,
            ["lessons_sent", "next_lesson_at", "last_lesson_at", "mail_state"],
        )
    return claimed


def _outlines(course_ids: set[int]) -> dict[int, list[selectors.Outline]]:
    from .models import CoursePage

    return {
        course.pk: selectors.course_outline(course)
        for course in CoursePage.objects.filter(pk__in=course_ids)
    }


def site_url() -> str:
    site = default_site()
    return site.root_url if site else ""


def sender() -> str:
    return formataddr(
        (
            publisher_info().get("name") or settings.SITE_NAME,
            parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        )
    )


class LessonMailer:
    """Renders each lesson once per language and sends the claimed mails, one
    SMTP connection for up to `BATCH` of them."""

    def __init__(self):
        self.connection = None
        self.on_connection = 0
        self.rendered: dict[tuple, tuple[str, str, str]] = {}
        self.root = site_url()
        self.sender = sender()
        self.domain = parseaddr(self.sender)[1].rsplit("@", 1)[-1] or "localhost"
        self.paths = {
            "lesson": reverse("courses:lesson", args=["TOKEN"]),
            "manage": reverse("courses:manage", args=["TOKEN"]),
            "unsubscribe": reverse("courses:unsubscribe", args=["TOKEN"]),
        }

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def _connection(self):
        if self.connection is None or self.on_connection >= BATCH:
            self.close()
            self.connection = get_connection()
            self.connection.open()
            self.on_connection = 0
        self.on_connection += 1
        return self.connection

    def render(self, item: Claimed) -> tuple[str, str, str]:
        language = item.enrolment.language or settings.LANGUAGE_CODE
        key = (item.mail.lesson_id, language, item.number, item.total)
        if key not in self.rendered:
            lesson = LessonPage.objects.get(pk=item.mail.lesson_id)
            context = {
                "lesson": lesson,
                "course_title": item.enrolment.course_title,
                "number": item.number,
                "total": item.total,
                "tasks": selectors.tasks_of(lesson),
                "lesson_url": LESSON_URL,
                "manage_url": MANAGE_URL,
                "unsubscribe_url": UNSUBSCRIBE_URL,
                "publisher": publisher_info(),
                "publisher_name": publisher_info().get("name", ""),
            }
            with translation.override(language):
                subject = " ".join(
                    render_to_string("courses/mail/lesson_subject.txt", context).split()
                )
                text = render_to_string("courses/mail/lesson.txt", context)
                html = render_to_string("courses/mail/lesson.html", context)
            self.rendered[key] = (subject, text, html)
        return self.rendered[key]

    def message(self, item: Claimed) -> EmailMultiAlternatives:
        enrolment = item.enrolment
        subject, text, html = self.render(item)
        links = {
            LESSON_URL: self._url(
                "lesson",
                tokens.lesson_token(enrolment.pk, enrolment.email, item.mail.lesson_id),
            ),
            MANAGE_URL: self._url(
                "manage", tokens.manage_token(enrolment.pk, enrolment.email)
            ),
            UNSUBSCRIBE_URL: self._url(
                "unsubscribe", tokens.unsubscribe_token(enrolment.pk, enrolment.email)
            ),
        }
        for placeholder, url in links.items():
            text, html = text.replace(placeholder, url), html.replace(placeholder, url)
        message = EmailMultiAlternatives(
            subject,
            text,
            self.sender,
            [enrolment.email],
            headers={
                "List-Unsubscribe": f"<{links[UNSUBSCRIBE_URL]}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "List-Id": f"<course-{enrolment.course_id}.{self.domain}>",
                "Message-ID": make_msgid(f"lesson{item.mail.pk}", self.domain),
                "Auto-Submitted": "auto-generated",
            },
        )
        message.attach_alternative(html, "text/html")
        return message

    def _url(self, kind: str, token: str) -> str:
        return self.root + self.paths[kind].replace("TOKEN", token)

    def send(self, claimed: list[Claimed], counts: dict) -> None:
        sent, failed = [], {}
        for item in claimed:
            try:
                message = self.message(item)
                self._connection().send_messages([message])
            except (smtplib.SMTPException, OSError, ValueError) as error:
                failed.setdefault(str(error)[:200], []).append(item.mail.pk)
                self.close()  # the server may have dropped it: start afresh
                continue
            sent.append(item.mail.pk)
        now = timezone.now()
        LessonMail.objects.filter(pk__in=sent).update(
            state=LessonMail.State.SENT, sent_at=now
        )
        for error, ids in failed.items():
            LessonMail.objects.filter(pk__in=ids).update(
                state=LessonMail.State.FAILED, error=error
            )
        counts["sent"] += len(sent)
        counts["failed"] += sum(len(ids) for ids in failed.values())
