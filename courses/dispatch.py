"""What the courses app mails: the e-mail course (one lesson per reader and interval,
sent in the background), and the welcome of a buyer whose course comes as a PDF
only (`welcome_mail`, with the link to the course area; the PDF itself comes with
the payment confirmation).

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

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from mail.bulk import BulkConnection, PreparedMail, bulk_send, reader_message
from mail.compose import (
    Kind,
    list_headers,
    message_build,
    sender,
    sender_domain,
    site_root_url,
)
from mail.later import composer

from . import selectors, tokens
from .models import CoursePage, Enrolment, LessonMail, LessonPage

CLAIM = 50  # readers claimed together: the most a crash can cost
BATCH = 500  # mails per SMTP connection
STALE = timedelta(minutes=5)  # a claimed mail older than this lost its worker
INTERRUPTED = "interrupted (the worker stopped while sending)"
DAY = timedelta(days=1)
FINISHED = {"mail_state": Enrolment.Mail.FINISHED, "next_lesson_at": None}

# Placeholders of a rendered lesson mail, replaced per reader (`mail.bulk`).
PLACEHOLDERS = {
    "to": "reader@placeholder.invalid",
    "mail": "LESSONMAILNUMBER",
    "lesson": "https://lesson.placeholder.invalid/",
    "manage": "https://manage.placeholder.invalid/",
    "unsubscribe": "https://unsubscribe.placeholder.invalid/",
}


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
            claimed = lessons_claim(now=now, enrolment_id=enrolment_id)
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


def catch_up_gap() -> timedelta:
    return timedelta(hours=min(settings.COURSE_CATCH_UP_HOURS, 24))


def lessons_claim(*, now: datetime, enrolment_id: int | None = None) -> list[Claimed]:
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
        composed = selectors.composed_outlines(
            [e for e in enrolments if e.revision_ids]
        )
        mailed: dict[int, set[int]] = {}
        for enrolment_pk, lesson_id, revision_id in LessonMail.objects.filter(
            enrolment__in=enrolments
        ).values_list("enrolment_id", "lesson_id", "revision_id"):
            mailed.setdefault(enrolment_pk, set()).add(revision_id or lesson_id)
        claimed = []
        # The schedule's writes, one UPDATE per kind of change (not one per
        # reader): {kind: (fields, enrolment ids)}.
        updates: dict[tuple, tuple[dict, list[int]]] = {}

        def change(kind: tuple, fields: dict, enrolment: Enrolment) -> None:
            updates.setdefault(kind, (fields, []))[1].append(enrolment.pk)

        for enrolment in enrolments:
            if enrolment.revision_ids:  # a course on demand: revisions
                outline = composed.get(enrolment.pk, [])
            else:
                outline = outlines.get(enrolment.course_id, [])
            done = mailed.get(enrolment.pk, set())
            remaining = [item for item in outline if item.pk not in done]
            if not remaining:
                if outline or enrolment.course_id is None:
                    change(("finished",), FINISHED, enrolment)
                else:  # a course without live lessons (unpublished): ask later
                    change(("later",), {"next_lesson_at": now + DAY}, enrolment)
                continue
            lesson = remaining[0]
            enrolment.lessons_sent += 1
            sent = {"lessons_sent": F("lessons_sent") + 1, "last_lesson_at": now}
            if len(remaining) == 1:
                change(("last",), {**sent, **FINISHED}, enrolment)
            else:
                days = enrolment.interval_days
                plan = F("next_lesson_at") + timedelta(days=days)
                change(("next", days), {**sent, "next_lesson_at": plan}, enrolment)
            claimed.append(
                Claimed(
                    mail=LessonMail(
                        enrolment=enrolment,
                        lesson_id=None if enrolment.revision_ids else lesson.pk,
                        revision_id=lesson.pk if enrolment.revision_ids else None,
                        lesson_title=lesson.title[:255],
                        position=enrolment.lessons_sent,
                        state=LessonMail.State.CLAIMED,
                        claimed_at=now,
                    ),
                    enrolment=enrolment,
                    number=outline.index(lesson) + 1,
                    total=len(outline),
                )
            )
        LessonMail.objects.bulk_create([item.mail for item in claimed])
        for fields, ids in updates.values():
            Enrolment.objects.filter(pk__in=ids).update(**fields)
    return claimed


def _outlines(course_ids: set[int]) -> dict[int, list[selectors.Outline]]:
    return {
        course.pk: selectors.course_outline(course)
        for course in CoursePage.objects.filter(pk__in=course_ids)
    }


class LessonMailer:
    """Renders each lesson once per language and sends the claimed mails, one
    SMTP connection for up to `BATCH` of them."""

    def __init__(self):
        self.connection = BulkConnection(per_connection=BATCH)
        self.rendered: dict[tuple, PreparedMail] = {}
        self.stamp = int(timezone.now().timestamp())
        self.root = site_root_url()
        self.sender = sender(Kind.COURSE)
        self.domain = sender_domain(self.sender)
        self.paths = {
            "lesson": reverse("courses:lesson", args=["TOKEN"]),
            "item": reverse("courses:item", args=["TOKEN"]),
            "manage": reverse("courses:manage", args=["TOKEN"]),
            "unsubscribe": reverse("courses:unsubscribe", args=["TOKEN"]),
        }

    def close(self) -> None:
        self.connection.close()

    def prepared(self, item: Claimed) -> PreparedMail:
        """The lesson's mail, rendered once per language (and place in the
        course), with placeholders for each reader's address, links and number."""
        language = item.enrolment.language or settings.LANGUAGE_CODE
        key = (
            item.mail.lesson_id,
            item.mail.revision_id,
            item.enrolment.course_title if item.mail.revision_id else "",
            language,
            item.number,
            item.total,
        )
        if key not in self.rendered:
            if item.mail.revision_id:
                lesson = selectors.composed_lesson(item.mail.revision_id)
                tasks = lesson.item.tasks
            else:
                lesson = LessonPage.objects.get(pk=item.mail.lesson_id)
                tasks = selectors.tasks_of(lesson)
            template = message_build(
                template="courses/mail/lesson",
                to=PLACEHOLDERS["to"],
                kind=Kind.COURSE,
                language=language,
                from_email=self.sender,
                context={
                    "lesson": lesson,
                    "course_title": item.enrolment.course_title,
                    "number": item.number,
                    "total": item.total,
                    "tasks": tasks,
                    "lesson_url": PLACEHOLDERS["lesson"],
                    "manage_url": PLACEHOLDERS["manage"],
                    "unsubscribe_url": PLACEHOLDERS["unsubscribe"],
                },
            )
            list_id = (
                f"<course-{item.enrolment.course_id}.{self.domain}>"
                if item.enrolment.course_id
                else f"<course-on-demand.{self.domain}>"
            )
            self.rendered[key] = PreparedMail(
                lambda values: self.message(template, list_id, values), PLACEHOLDERS
            )
        return self.rendered[key]

    def message(
        self, template: EmailMultiAlternatives, list_id: str, values: dict
    ) -> EmailMultiAlternatives:
        """One reader's mail: the rendered lesson with the reader's own links."""

        def personal(body: str) -> str:
            for name in ("lesson", "manage", "unsubscribe"):
                body = body.replace(PLACEHOLDERS[name], values[name])
            return body

        return reader_message(
            rendered=template,
            to=values["to"],
            personal=personal,
            headers={
                **list_headers(unsubscribe_url=values["unsubscribe"], list_id=list_id),
                "Message-ID": f"<lesson{values['mail']}.{self.stamp}@{self.domain}>",
                "Auto-Submitted": "auto-generated",
            },
        )

    def values(self, item: Claimed) -> dict[str, str]:
        enrolment = item.enrolment
        pk, email = enrolment.pk, enrolment.email
        return {
            "to": email,
            "mail": str(item.mail.pk),
            "lesson": self._url(
                "item", tokens.item_token(pk, email, item.mail.revision_id)
            )
            if item.mail.revision_id
            else self._url(
                "lesson", tokens.lesson_token(pk, email, item.mail.lesson_id)
            ),
            "manage": self._url("manage", tokens.manage_token(pk, email)),
            "unsubscribe": self._url(
                "unsubscribe", tokens.unsubscribe_token(pk, email)
            ),
        }

    def _url(self, kind: str, token: str) -> str:
        return self.root + self.paths[kind].replace("TOKEN", token)

    def send(self, claimed: list[Claimed], counts: dict) -> None:
        outcome = bulk_send(
            self.connection,
            (
                (item.mail.pk, self.prepared(item), self.values(item))
                for item in claimed
            ),
        )
        outcome.record(
            LessonMail.objects.all(),
            sent_state=LessonMail.State.SENT,
            failed_state=LessonMail.State.FAILED,
        )
        counts["sent"] += len(outcome.sent)
        counts["failed"] += outcome.failed_count


@composer
def welcome_mail(*, enrolment_id: int) -> EmailMultiAlternatives | None:
    enrolment = Enrolment.objects.filter(
        pk=enrolment_id, status=Enrolment.Status.ACTIVE, erased_at=None
    ).first()
    if enrolment is None or not enrolment.email:
        return None
    token = tokens.manage_token(enrolment.pk, enrolment.email)
    return message_build(
        template="courses/mail/welcome",
        to=enrolment.email,
        kind=Kind.COURSE,
        language=enrolment.language or "de",
        context={
            "enrolment": enrolment,
            "manage_url": site_root_url() + reverse("courses:manage", args=[token]),
        },
    )
