"""A lesson's teaser is public; the full lesson is for enrolled readers (by login
or by the signed link of their mail) and staff, and is never cached."""

import pytest
from django.test import Client

from courses.models import LessonRead
from tests import factories

from .conftest import lesson_mails, links, path_of

pytestmark = pytest.mark.django_db

TASK = "Aufgabe 1 der Lektion 2"


@pytest.fixture
def second(course):
    return course.get_children().specific()[1]


def test_strangers_see_the_teaser_only(client, course, second, django_user_model):
    page = client.get(second.url).content.decode()
    assert "Der Anreißer der Lektion 2." in page
    assert TASK not in page and "Der Lehrtext der Lektion 2" not in page
    assert "Diese Lektion gehört zu einem E-Kurs" in page
    stranger = django_user_model.objects.create_user(
        email="fremd@test.example", password="passwort-fuer-tests"
    )
    client.force_login(stranger)
    assert TASK not in client.get(second.url).content.decode()


def test_staff_read_every_lesson(admin_client, second):
    response = admin_client.get(second.url)
    page = response.content.decode()
    assert TASK in page and "Lernaufgabe 1" in page and "Hinweis 2.1" in page
    assert "no-store" in response["Cache-Control"]


def test_the_mails_signed_link_opens_the_lesson_for_a_guest(
    course, course_product, buy, smtp_sink
):
    enrolment = buy(course_product)
    url = path_of(links(lesson_mails(smtp_sink)[-1])["lektion"])
    guest = Client()
    response = guest.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Aufgabe 1 der Lektion 1" in page and "Lösungshinweis" in page
    assert response["Cache-Control"] == "private, no-store"
    assert LessonRead.objects.filter(enrolment=enrolment).count() == 1
    # Its "next lesson" link is signed too, and opens lesson 2 in full.
    import re

    following = re.search(r'href="(/kurse/lektion/[^"]+)" rel="next"', page).group(1)
    assert TASK in guest.get(following).content.decode()
    # A forged or shortened link opens nothing.
    assert guest.get(url[:-6] + "xxxxx/").status_code == 404


def test_a_link_of_one_course_does_not_open_another(
    course, course_product, buy, home_page
):
    from courses import tokens

    other = factories.course_with_lessons(home_page, slug="anderer-kurs", lessons=1)
    enrolment = buy(course_product)
    foreign = other.get_children().first()
    token = tokens.lesson_token(enrolment.pk, enrolment.email, foreign.pk)
    assert Client().get(f"/kurse/lektion/{token}/").status_code == 404


def test_lesson_page_queries_do_not_grow_with_the_course(
    admin_client, home_page, django_assert_max_num_queries
):
    small = factories.course_with_lessons(home_page, slug="klein", lessons=2)
    big = factories.course_with_lessons(home_page, slug="gross", lessons=12)
    urls = [course.get_children().first().url for course in (small, big)]
    for url in urls:
        admin_client.get(url)  # the admin's own first-visit queries
    # The same bound for 2 and 12 lessons: the lesson list is one query.
    for url in urls:
        with django_assert_max_num_queries(13):
            admin_client.get(url)


def test_editors_get_one_final_lesson_and_at_most_thirty_lessons(admin_client, course):
    """The page editor refuses a second final lesson, and offers no lesson type
    under a course that has thirty lessons and its final one."""
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from courses.models import LessonPage

    data = nested_form_data(
        {
            "title": "Noch ein Abschluss",
            "slug": "noch-ein-abschluss",
            "teaser": "Ein zweiter Schluss.",
            "is_final": "on",
            "body": streamfield(
                [
                    (
                        "task_block",
                        {"task": rich_text("<p>Eine Aufgabe.</p>"), "hint": ""},
                    )
                ]
            ),
        }
    )
    url = f"/admin/pages/add/courses/lessonpage/{course.pk}/"
    page = admin_client.post(url, data).content.decode()
    assert "Dieser Kurs hat bereits eine Abschlusslektion." in page
    assert not LessonPage.objects.filter(slug="noch-ein-abschluss").exists()
    data["is_final"] = ""
    assert admin_client.post(url, data).status_code == 302  # a sixth lesson is fine

    assert LessonPage.can_create_at(course)
    for number in range(7, 31):
        factories.LessonPageFactory(parent=course, slug=f"mehr-{number}")
    assert not LessonPage.can_create_at(course)  # 30 lessons and the final one
