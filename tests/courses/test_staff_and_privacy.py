"""Staff see each course's enrolments, where each reader is and the mails sent and
failed; a GDPR request exports and erases a reader's course data."""

import pytest

from courses.models import Enrolment, LessonRead
from privacy import registry as privacy

pytestmark = pytest.mark.django_db


def test_staff_see_enrolments_positions_and_mails(
    admin_client, course, course_product, buy, smtp_sink
):
    from django.test import Client

    smtp_sink.refuse.add("kaputt@test.example")
    # (admin_client is logged in: the readers buy in browsers of their own)
    buy(course_product, browser=Client())
    buy(course_product, email="kaputt@test.example", browser=Client())
    overview = admin_client.get("/admin/courses/").content.decode()
    assert course.title in overview and "E-Kurse" in overview
    row = overview[overview.index(course.title) :]
    assert row.split("<td>")[1:3] == ["2</td>", "2</td>"]  # enrolled, active
    detail = admin_client.get(f"/admin/courses/{course.pk}/").content.decode()
    assert "kursleser@test.example" in detail and "1 / 6" in detail
    assert "Zuletzt fehlgeschlagene Mails" in detail and "550" in detail


def test_readers_and_editors_without_the_permission_see_nothing(client, course):
    assert client.get("/admin/courses/").status_code == 302  # to the login


def test_gdpr_export_and_erasure(client, course, course_product, buy, smtp_sink):
    enrolment = buy(course_product)
    LessonRead.objects.create(
        enrolment=enrolment, lesson=course.get_children().first().specific
    )
    exported = privacy.export("kursleser@test.example")
    part = exported["courses"]["course_enrolments"][0]
    assert part["course"] == course.title and part["email_course"] == "active"
    assert part["lessons_mailed"][0]["state"] == "sent"
    assert len(part["lessons_read"]) == 1
    report = privacy.erase("kursleser@test.example")
    assert report["courses"]["erased"]
    enrolment.refresh_from_db()
    assert enrolment.email == "" and enrolment.erased_at
    assert enrolment.mail_state == Enrolment.Mail.UNSUBSCRIBED
    assert not LessonRead.objects.filter(enrolment=enrolment).exists()
    assert privacy.export("kursleser@test.example").get("courses") is None
