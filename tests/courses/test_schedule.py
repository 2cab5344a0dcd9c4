"""The e-mail course over time (the clock moved forward): one lesson per interval,
pause and resume, a new pace, the next lesson now, catch-up after a downtime one
lesson per run, the final lesson last, one-click unsubscribe, and never a lesson
twice. Mails are read from a real SMTP sink."""

from datetime import timedelta

import pytest
from django.test import Client

from courses import dispatch
from courses.models import Enrolment, LessonMail

from .conftest import lesson_mails, links, path_of

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def enrolment(course, course_product, buy, smtp_sink):
    enrolment = buy(course_product)
    assert len(lesson_mails(smtp_sink)) == 1  # lesson 1, at once
    return enrolment


def _subjects(inbox) -> list[str]:
    return [message["Subject"].strip() for message in lesson_mails(inbox)]


def _run(at):
    return dispatch.lessons_due_run(now=at)


def test_one_lesson_per_interval_and_the_final_lesson_last(enrolment, smtp_sink):
    start = enrolment.created_at
    assert _run(start + DAY)["sent"] == 0  # not due yet
    for day in (2, 4, 6, 8):
        assert _run(start + day * DAY + timedelta(minutes=1))["sent"] == 1
    assert _run(start + 9 * DAY)["sent"] == 0
    assert _run(start + 10 * DAY + timedelta(minutes=1))["sent"] == 1
    subjects = _subjects(smtp_sink)
    assert [s.split(" – ")[0] for s in subjects] == [
        *(f"Kurs fuehren-lernen: Lektion {n} von 6" for n in range(1, 6)),
        "Kurs fuehren-lernen: Abschlusslektion",
    ]
    enrolment.refresh_from_db()
    assert enrolment.mail_state == Enrolment.Mail.FINISHED
    assert _run(start + 30 * DAY)["sent"] == 0
    assert LessonMail.objects.filter(enrolment=enrolment).count() == 6


def test_pause_resume_interval_and_next_now_from_the_mails_link(
    enrolment, smtp_sink, django_capture_on_commit_callbacks
):
    manage = path_of(links(lesson_mails(smtp_sink)[0])["verwalten"])
    reader = Client()  # no login, no cookie: the link is the authority
    page = reader.get(manage).content.decode()
    assert "Läuft: alle 2 Tage eine Lektion" in page
    assert "1 per E-Mail erhalten" in page

    answer = reader.post(manage, {"action": "pause"}, follow=True)
    assert "Ihr E-Mail-Kurs ist pausiert" in answer.content.decode()
    start = enrolment.created_at
    assert _run(start + 5 * DAY)["sent"] == 0

    reader.post(manage, {"action": "resume"})
    enrolment.refresh_from_db()
    assert enrolment.mail_state == Enrolment.Mail.ACTIVE
    assert _run(start + 5 * DAY)["sent"] == 1  # lesson 2 was due on day 2

    reader.post(manage, {"action": "interval", "days": "7"})
    enrolment.refresh_from_db()
    assert enrolment.interval_days == 7
    assert _run(start + 8 * DAY)["sent"] == 0  # 7 days from lesson 2

    # "Next lesson now": the page's button says after how many lessons; a second
    # click of the same button sends nothing more.
    before = len(lesson_mails(smtp_sink))
    for _click in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            reader.post(manage, {"action": "next", "after": "2"})
    assert len(lesson_mails(smtp_sink)) == before + 1
    assert "Lektion 3 von 6" in _subjects(smtp_sink)[-1]
    page = reader.get(manage).content.decode()
    assert "3 per E-Mail erhalten" in page

    answer = reader.post(manage, {"action": "interval", "days": "999"}, follow=True)
    assert "nicht möglich" in answer.content.decode()


def test_catch_up_after_downtime_one_lesson_per_run(enrolment, smtp_sink):
    start = enrolment.created_at
    back = start + 9 * DAY  # the worker was down for 9 days (4 lessons missed)
    assert _run(back)["sent"] == 1
    # Runs every minute after that send nothing more: no flood.
    for minute in range(1, 4):
        assert _run(back + timedelta(minutes=minute))["sent"] == 0
    # The missed lessons come one a day (not every 2 days) ...
    assert _run(back + DAY + timedelta(minutes=1))["sent"] == 1
    assert _run(back + DAY + timedelta(hours=12))["sent"] == 0
    assert _run(back + 2 * DAY + timedelta(minutes=2))["sent"] == 1
    # ... while the plan stays the reader's own: lesson 5 was due on day 8.
    enrolment.refresh_from_db()
    assert enrolment.lessons_sent == 4
    planned = start + 8 * DAY
    assert abs(enrolment.next_lesson_at - planned) < timedelta(seconds=1)
    mails = LessonMail.objects.filter(enrolment=enrolment)
    assert len(lesson_mails(smtp_sink)) == 4
    assert len({mail.lesson_id for mail in mails}) == mails.count() == 4


def test_an_interrupted_claim_is_never_sent_again(enrolment, smtp_sink):
    """What a killed worker leaves: a claimed lesson. Later runs count it as
    failed and go on with the next lesson."""
    later = enrolment.created_at + 2 * DAY + timedelta(minutes=1)
    claimed = dispatch.lessons_claim(now=later)  # claimed, then the worker "dies"
    assert len(claimed) == 1
    assert _run(later + timedelta(minutes=1))["sent"] == 0
    counts = _run(later + 2 * DAY + timedelta(minutes=10))
    assert counts == {"sent": 1, "failed": 0, "interrupted": 1}
    states = dict(
        LessonMail.objects.filter(enrolment=enrolment).values_list("position", "state")
    )
    assert states == {1: "sent", 2: "failed", 3: "sent"}
    assert "Lektion 3 von 6" in _subjects(smtp_sink)[-1]


def test_one_click_unsubscribe_stops_the_course(enrolment, smtp_sink):
    message = lesson_mails(smtp_sink)[0]
    url = path_of(message["List-Unsubscribe"].strip()[1:-1])
    mail_program = Client()
    asked = mail_program.get(url)
    assert "Ja, E-Mail-Kurs beenden" in asked.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.mail_state == Enrolment.Mail.ACTIVE  # a GET only asks
    done = mail_program.post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200
    enrolment.refresh_from_db()
    assert enrolment.mail_state == Enrolment.Mail.UNSUBSCRIBED
    assert _run(enrolment.created_at + 20 * DAY)["sent"] == 0
    # The lessons stay readable by the mail's link.
    lesson = path_of(links(message)["lektion"])
    assert "Aufgabe 1 der Lektion 1" in Client().get(lesson).content.decode()


def test_refused_address_is_counted_failed_and_nobody_else_misses_out(
    course, course_product, buy, smtp_sink
):
    smtp_sink.refuse.add("kaputt@test.example")
    broken = buy(course_product, email="kaputt@test.example")
    mail = LessonMail.objects.get(enrolment=broken)
    assert mail.state == LessonMail.State.FAILED and "550" in mail.error
    broken.refresh_from_db()
    assert broken.mail_state == Enrolment.Mail.ACTIVE  # the course goes on
