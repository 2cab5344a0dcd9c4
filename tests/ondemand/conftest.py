"""A publisher offering courses on demand: a course whose five lessons are
released for it, two articles with learning tasks, final-lesson templates, and
a helper that composes a course in the reader's composer (plain form posts)."""

import re

import pytest
from oscar.core.loading import get_model

from courses.models import FinalLessonTemplate
from ondemand.models import OnDemandSettings
from taxonomy.models import Category
from tests import factories
from tests.flows.checkout import WAIVER, as_guest, choose_payment, place_order

Order = get_model("order", "Order")
URL = "/kurse/nach-wunsch/"


def tasks(*texts: str) -> list:
    return [
        ("task_block", {"task": f"<p>{text}</p>", "hint": f"Tipp zu {text}"})
        for text in texts
    ]


@pytest.fixture
def topic(db):
    return Category.objects.get_or_create(
        slug="fuehrung", defaults={"name": "Führung"}
    )[0]


@pytest.fixture
def terms(db):
    product = factories.product("E-Kurs nach Wunsch", "19.99", kind="e-kurs")
    product.is_public = False
    product.save()
    settings = OnDemandSettings.load()
    settings.enabled = True
    settings.product = product
    settings.save()
    return settings


@pytest.fixture
def offered_course(home_page, topic):
    course = factories.course_with_lessons(home_page, slug="baukasten", lessons=5)
    for lesson in course.get_children().specific():
        if not lesson.is_final:
            lesson.on_demand = True
            lesson.categories = [topic]
            lesson.save_revision().publish()
    return course


@pytest.fixture
def offered_article(article, topic):
    article.course_eligible = True
    article.learning_tasks = tasks("Artikelaufgabe eins", "Artikelaufgabe zwei")
    article.categories = [topic]
    article.save_revision().publish()
    return article


@pytest.fixture
def finals(db, topic):
    general = FinalLessonTemplate.objects.create(
        title="Abschluss für alle",
        teaser="Was Sie mitnehmen.",
        body=[("paragraph_block", "<p>Allgemein.</p>"), *tasks("Schlussaufgabe")],
    )
    general.save_revision()
    leading = FinalLessonTemplate.objects.create(
        title="Abschluss Führung",
        teaser="Ihr Führungsplan.",
        body=[("paragraph_block", "<p>Führung.</p>"), *tasks("Planaufgabe")],
    )
    leading.topics.set([topic])
    leading.save_revision()
    return {"general": general, "leading": leading}


@pytest.fixture
def offer(terms, offered_course, offered_article, finals):
    lessons = [
        lesson
        for lesson in offered_course.get_children().specific().order_by("path")
        if not lesson.is_final
    ]
    return {"lessons": lessons, "article": offered_article, **finals}


def chosen_titles(client) -> list[str]:
    html = client.get(URL).content.decode()
    course = html.split('class="composer__offer"')[0]
    return re.findall(r'composer__item-title">([^<]+)<', course)


def compose(client, pages, title="Mein Kurs"):
    response = client.post(
        URL, {"action": "choose", "choose": [p.pk for p in pages], "title": title}
    )
    assert response.status_code == 302
    return response


def buy_composed(client, pages, *, title="Mein Kurs", email="wunsch@test.example"):
    compose(client, pages, title)
    response = client.post(URL, {"action": "basket", "title": title})
    assert response.status_code == 302, response
    assert response["Location"].endswith("/shop/basket/")
    return checkout(client, email)


def checkout(client, email):
    as_guest(client, email)
    choose_payment(client, "test")
    place_order(client, **WAIVER)
    order = Order.objects.get(guest_email=email)
    assert order.status == Order.PAID
    return order
