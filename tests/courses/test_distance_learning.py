"""Distance learning (FernUSG; BGH III ZR 109/24 of 2025). A course that checks
learning success needs the ZFU's approval; the default is a self-study course
whose tasks are for self-checking only, and the reader is told so. With the
checks on, the approval number is required and shown on the course, the product
page and in the contract confirmation."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

pytestmark = pytest.mark.django_db

SELF_STUDY = "Selbstlernkurs: Die Lernaufgaben dienen Ihrer Selbstkontrolle"
APPROVED = (
    "zugelassen von der Staatlichen Zentralstelle für Fernunterricht (ZFU) "
    "unter der Nr. 7312345"
)


def test_off_by_default_the_course_says_it_is_self_study(course, course_product):
    assert not course.learning_control
    page = Client().get(course.url).content.decode()
    assert SELF_STUDY in page
    product = Client().get(course_product.get_absolute_url()).content.decode()
    assert SELF_STUDY in product
    # Nowhere to send an answer: the course, its lessons and their tasks have no
    # form but the basket's.
    assert "<textarea" not in page and "<textarea" not in product


def test_checks_need_the_zfu_number(course):
    course.learning_control = True
    with pytest.raises(ValidationError) as error:
        course.full_clean()
    assert "zfu_number" in error.value.message_dict
    course.zfu_number = "7312345"
    course.full_clean()


def test_with_checks_the_number_shows_on_course_product_and_confirmation(
    course, course_product, buy
):
    course.learning_control = True
    course.zfu_number = "7312345"
    course.save_revision().publish()
    assert APPROVED in Client().get(course.url).content.decode()
    assert APPROVED in Client().get(course_product.get_absolute_url()).content.decode()
    mail.outbox.clear()
    buy(course_product)
    confirmation = next(m for m in mail.outbox if "Vertragsbestätigung" in m.body)
    assert (
        f"{course_product.title}: Fernlehrgang, {APPROVED}"
        in confirmation.body.replace("\n", " ")
    )


def test_the_self_study_notice_is_in_the_confirmation_too(course, course_product, buy):
    mail.outbox.clear()
    buy(course_product)
    confirmation = next(m for m in mail.outbox if "Vertragsbestätigung" in m.body)
    assert SELF_STUDY in confirmation.body
