"""eCourse figures (run by `bench/run.py`; prints one JSON object; not named
courses.py, which would shadow the `courses` app):

- compiling a course of 30 lessons (4 learning tasks each) and a final lesson into
  one PDF, as the worker renders it for its buyers: warm, in-process, and under the
  engine's limits in a forked child;
- a course on demand of the same 30 lessons in the reader's order and a final
  lesson, rendered as delivery renders it (tagged PDF/UA, like every edition);
- one lesson of the e-mail course sent to 10,000 enrolled readers by
  `courses.dispatch.lessons_due_run` into a local aiosmtpd sink (its own process):
  total time, mails per second, failed mails, and the process's peak memory.

It keeps the course and the readers (one order with a line per reader) in the bench
database and resets their e-mail course before each run. BENCH_COURSE_READERS sets
the number of readers (bench/run.py uses 500 for QUICK=1).
"""

import io
import json
import os
import resource
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ["TASKS_BACKEND"] = "immediate"

from mailing import MemorySampler, free_port, rss_mb, start_sink

READERS = int(os.environ.get("BENCH_COURSE_READERS", "10000"))
LESSONS = 30
SLUG = "bench-kurs-30-lektionen"
PARAGRAPH = (
    "<p>Wer ein Team übernimmt, führt in den ersten Wochen viele Gespräche, die "
    "später den Ton bestimmen: mit jeder Person im Team, mit der eigenen "
    "Vorgesetzten und mit den Nachbarteams. Diese Lektion zeigt, wie Sie solche "
    "Gespräche vorbereiten, führen und festhalten, ohne dass sie zur Pflicht werden."
    "</p>"
)


def course_page():
    from courses.models import CoursePage, LessonPage
    from home.models import HomePage

    course = CoursePage.objects.filter(slug=SLUG).first()
    if course is not None:
        return course
    home = HomePage.objects.first()
    course = CoursePage(
        title="Messkurs in dreißig Lektionen",
        slug=SLUG,
        lead="Ein Kurs für die Messung.",
        outcomes="<ul><li>messen</li></ul>",
        offers_pdf=True,
        offers_email=True,
    )
    home.add_child(instance=course)
    course.save_revision().publish()
    for number in range(1, LESSONS + 2):
        body = [("heading_block", {"text": f"Teil {number}", "level": "h2"})]
        body += [("paragraph_block", PARAGRAPH)] * 6
        body += [
            (
                "task_block",
                {
                    "task": f"<p>Aufgabe {task} der Lektion {number}: Schreiben Sie "
                    "drei Beispiele aus Ihrem Alltag auf.</p>",
                    "hint": "Beginnen Sie mit dem Gespräch, das Sie zuletzt hatten.",
                },
            )
            for task in range(1, 5)
        ]
        lesson = LessonPage(
            title=f"Lektion {number} der Messung",
            slug=f"lektion-{number}",
            teaser=f"Worum es in Lektion {number} geht.",
            body=body,
            is_final=number == LESSONS + 1,
        )
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    course.refresh_from_db()
    return course


def readers(course) -> list[int]:
    """READERS enrolments in the course (one order, a line per reader)."""
    from django.db import transaction
    from oscar.core.loading import get_model
    from oscar.test import factories as oscar_factories

    from courses.models import Enrolment

    Line = get_model("order", "Line")
    have = Enrolment.objects.filter(course=course).count()
    if have < READERS:
        with transaction.atomic():
            order = oscar_factories.create_order(guest_email="messung@leser.example")
            template = order.lines.first()
            fields = {
                field.attname: getattr(template, field.attname)
                for field in Line._meta.concrete_fields
                if field.attname not in ("id",)
            }
            lines = Line.objects.bulk_create(
                [Line(**fields) for _ in range(READERS - have)], batch_size=2000
            )
            Enrolment.objects.bulk_create(
                (
                    Enrolment(
                        course=course,
                        course_title=course.title,
                        line=line,
                        email=f"kurs{have + number}@leser.example",
                        interval_days=2,
                    )
                    for number, line in enumerate(lines)
                ),
                batch_size=2000,
            )
    return list(
        Enrolment.objects.filter(course=course)
        .order_by("pk")
        .values_list("pk", flat=True)[:READERS]
    )


def compile_pdf(course) -> dict:
    from pypdf import PdfReader

    from core import pdf
    from courses.selectors import course_lessons
    from delivery import editions
    from delivery.models import Edition

    revision_ids = [course.live_revision_id] + [
        lesson.live_revision_id for lesson in course_lessons(course)
    ]
    edition = Edition(revision_ids=revision_ids, title=course.title)
    started = time.perf_counter()
    html = editions.edition_html(edition)
    html_s = time.perf_counter() - started
    pdf.render(html)  # warm: fonts, hyphenation dictionaries
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        data = pdf.render(html)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    pdf.render_limited(html)
    limited = time.perf_counter() - started
    return {
        "lessons": len(revision_ids) - 1,
        "pages": len(PdfReader(io.BytesIO(data)).pages),
        "html_s": html_s,
        "render_s": min(timings),
        "render_limited_s": limited,
        "render_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def compile_composed(course) -> dict:
    """A course on demand of the same 30 lessons in another order (the reader's)
    and the final lesson: the edition delivery renders for a composed line."""
    from pypdf import PdfReader

    from core import pdf
    from courses.selectors import course_lessons
    from delivery import editions
    from delivery.models import Edition

    lessons = course_lessons(course)
    revision_ids = [lesson.live_revision_id for lesson in lessons[:-1]][::-1]
    revision_ids.append(lessons[-1].live_revision_id)
    edition = Edition(
        kind=Edition.Kind.COMPOSED, revision_ids=revision_ids, title="Mein Messkurs"
    )
    html = editions.edition_html(edition)
    pdf.render(html)  # warm
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        data = pdf.render(html, variant="pdf/ua-1")
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    pdf.render_limited(html, variant="pdf/ua-1")
    limited = time.perf_counter() - started
    return {
        "composed_lessons": len(revision_ids) - 1,
        "composed_pages": len(PdfReader(io.BytesIO(data)).pages),
        "composed_render_s": min(timings),
        "composed_render_limited_s": limited,
    }


def send_lesson(course, enrolment_ids: list[int]) -> dict:
    from django.utils import timezone

    from courses import dispatch
    from courses.models import Enrolment, LessonMail

    LessonMail.objects.filter(enrolment__course=course).delete()
    Enrolment.objects.filter(pk__in=enrolment_ids).update(
        mail_state=Enrolment.Mail.ACTIVE,
        lessons_sent=0,
        next_lesson_at=timezone.now() - timedelta(minutes=1),
        last_lesson_at=None,
        status=Enrolment.Status.ACTIVE,
    )
    Enrolment.objects.filter(course=course).exclude(pk__in=enrolment_ids).update(
        mail_state=Enrolment.Mail.PAUSED
    )
    sampler = MemorySampler()
    start_mb = rss_mb()
    sampler.start()
    started = time.perf_counter()
    counts = dispatch.lessons_due_run()
    total = time.perf_counter() - started
    sampler.running = False
    sampler.join()
    return {
        "readers": len(enrolment_ids),
        "sent": counts["sent"],
        "failed": counts["failed"],
        "send_s": total,
        "send_per_s": counts["sent"] / total if total else 0,
        "rss_start_mb": start_mb,
        "rss_peak_mb": max(sampler.samples or [start_mb]),
    }


def main() -> None:
    port = free_port()
    os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{port}"
    import django

    django.setup()
    course = course_page()
    ids = readers(course)
    figures = compile_pdf(course)
    figures.update(compile_composed(course))
    sink = start_sink(port)
    try:
        figures.update(send_lesson(course, ids))
    finally:
        sink.terminate()
        sink.wait(10)
    print(json.dumps(figures))  # noqa: T201


if __name__ == "__main__":
    main()
