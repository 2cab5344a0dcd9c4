"""Paying for a course enrols the buyer; cancellation or refund ends it. The first
lesson of the e-mail course comes at once, as a real mail."""

import pytest
from django.core import mail
from oscar.core.loading import get_model

from courses.models import Enrolment, LessonMail
from shop import lifecycle
from tests.mailsink import body

from .conftest import lesson_mails, links, path_of

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_payment_enrols_the_guest_and_mails_the_first_lesson(
    course, course_product, buy, smtp_sink
):
    enrolment = buy(course_product)
    assert enrolment.course == course and enrolment.is_active
    assert enrolment.email == "kursleser@test.example" and enrolment.user is None
    assert enrolment.mail_state == Enrolment.Mail.ACTIVE
    assert enrolment.lessons_sent == 1 and enrolment.interval_days == 2
    lesson_mails = [m for m in smtp_sink.parsed() if "Lektion 1 von 6" in m["Subject"]]
    assert len(lesson_mails) == 1
    message = lesson_mails[0]
    assert message["To"] == "kursleser@test.example"
    assert message["Subject"].strip() == (
        "Kurs fuehren-lernen: Lektion 1 von 6 – fuehren-lernen: Lektion 1"
    )
    text = body(message, "plain")
    assert "Der Anreißer der Lektion 1." in text
    assert "1. Aufgabe 1 der Lektion 1: notieren Sie drei Beispiele." in text
    assert "2. Aufgabe 2 der Lektion 1" in text
    assert "Hinweis 1.1" not in text  # hints stay on the site and in the PDF
    assert set(links(message)) == {"lektion", "verwalten", "abbestellen"}
    assert message["List-Unsubscribe"].strip() == f"<{links(message)['abbestellen']}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Lernaufgaben" in body(message, "html")
    assert LessonMail.objects.get(enrolment=enrolment).state == LessonMail.State.SENT


def test_account_purchase_shows_my_courses_with_progress(
    client,
    course,
    course_product,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    from tests.flows.checkout import (
        WAIVER,
        add_to_basket,
        choose_payment,
        place_order,
    )

    user = django_user_model.objects.create_user(
        email="konto@test.example", password="passwort-fuer-tests"
    )
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        add_to_basket(client, course_product.pk)
        client.get("/shop/checkout/")
        choose_payment(client)
        place_order(client, **WAIVER)
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.course == course
    page = client.get("/kurse/meine/").content.decode()
    assert "Meine Kurse" in page and course.title in page
    assert "0 von 6 Lektionen gelesen" in page
    first = course.get_children().first()
    assert client.get(first.url).status_code == 200
    page = client.get("/kurse/meine/").content.decode()
    assert "1 von 6 Lektionen gelesen" in page
    assert "/kurse/verwalten/" in page


def test_cancelled_or_refunded_order_ends_the_course(
    client, course, course_product, buy, smtp_sink
):
    enrolment = buy(course_product)
    lesson_link = path_of(links(lesson_mails(smtp_sink)[-1])["lektion"])
    assert client.get(lesson_link).status_code == 200
    assert lifecycle.order_refunded(order_number=enrolment.line.order.number)
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENDED and enrolment.ended_at
    assert client.get(lesson_link).status_code == 410
    from django.utils import timezone

    from courses import dispatch

    before = len(lesson_mails(smtp_sink))
    dispatch.lessons_due_run(now=timezone.now() + timezone.timedelta(days=30))
    assert len(lesson_mails(smtp_sink)) == before


def test_pdf_only_course_sends_a_welcome_not_lessons(course, course_product, buy):
    course.offers_email = False
    course.save_revision().publish()
    enrolment = buy(course_product)
    assert enrolment.mail_state == Enrolment.Mail.NONE
    assert not LessonMail.objects.exists()
    welcome = [m for m in mail.outbox if m.subject.startswith("Willkommen")]
    assert len(welcome) == 1 and "/kurse/verwalten/" in welcome[0].body


def test_a_course_needs_a_delivery_option(course):
    from django.core.exceptions import ValidationError

    course.offers_pdf = course.offers_email = False
    with pytest.raises(ValidationError):
        course.full_clean()


def test_a_product_also_named_by_a_draft_course_enrols_in_the_live_one(
    course, course_product, buy, home_page
):
    from tests import factories

    draft = factories.CoursePageFactory(
        parent=home_page,
        slug="entwurf",
        product=course_product,
        live=False,
        publish=False,
    )
    assert not draft.live
    enrolment = buy(course_product)
    assert enrolment.course == course
    # and the PDF is the live course's
    from delivery.models import Grant

    grant = Grant.objects.get(line=enrolment.line)
    assert grant.edition.page_id == course.pk
