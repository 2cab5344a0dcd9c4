"""Delivery option (a): the whole course as one PDF, built from the revisions
bought, stamped with the buyer like every delivered file."""

import io
import re

import pytest
from pypdf import PdfReader

from delivery.links import grant_path
from delivery.models import Grant

pytestmark = pytest.mark.django_db


def _text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(page.extract_text() for page in pages).replace("\xa0", " ")


def test_compiled_pdf_has_every_lesson_in_order_with_tasks_and_hints(
    client, course, course_product, buy
):
    lessons = list(course.get_children().specific())
    # An editor drags the final lesson to the top: it still comes last.
    lessons[-1].move(lessons[0], pos="left")
    enrolment = buy(course_product)
    grant = Grant.objects.get(line=enrolment.line)
    assert grant.edition.revision_ids[0] == course.live_revision_id
    # The course changes after the purchase: the buyer gets what was bought.
    first = lessons[0]
    first.teaser = "Ein ganz neuer Anreißer."
    first.save_revision().publish()
    response = client.get(grant_path(grant))
    assert response.status_code == 200
    text = _text(b"".join(response.streaming_content))
    assert "das lernen sie" in text.lower() and "Feedback geben" in text
    # (the last occurrence of each title is the lesson, the first its contents line)
    order = [text.rindex(f"fuehren-lernen: Lektion {n}") for n in range(1, 6)]
    assert order == sorted(order)
    assert text.rindex("fuehren-lernen: Abschluss") > order[-1]
    assert "ABSCHLUSSLEKTION" in text
    assert "Lernaufgabe 3.2" in text and "Aufgabe 2 der Lektion 3" in text
    assert "Lösungshinweise" in text and "Hinweis 3.2: denken Sie an Ihr Team." in text
    assert "Der Anreißer der Lektion 1." in text
    assert "Ein ganz neuer Anreißer." not in text
    assert "Selbstlernkurs" in text  # the FernUSG status, in the colophon
    assert re.search(r"Persönliche Kopie für kursleser@test\.example", text)


def test_e_mail_only_course_has_no_pdf(course, course_product, buy):
    course.offers_pdf = False
    course.save_revision().publish()
    enrolment = buy(course_product)
    assert not Grant.objects.filter(line=enrolment.line).exists()
