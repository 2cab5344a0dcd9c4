"""The reader composes a course without JavaScript: filter, tick, order, remove,
name, and a summary that follows every step."""

import pytest

from ondemand.models import OnDemandSettings
from tests import factories

from .conftest import URL, chosen_titles, compose

pytestmark = pytest.mark.django_db


def test_composer_offers_released_lessons_and_articles_only(client, offer, home_page):
    factories.course_with_lessons(home_page, slug="nicht-frei", lessons=2)
    html = client.get(URL).content.decode()
    for lesson in offer["lessons"]:
        assert f'value="{lesson.pk}"' in html
    assert f'value="{offer["article"].pk}"' in html
    assert "nicht-frei: Lektion 1" not in html  # not released for courses on demand
    assert "Kurs baukasten" in html  # the course a lesson comes from


def test_filter_by_topic_and_by_course(client, offer, salary_article):
    salary_article.course_eligible = True
    salary_article.learning_tasks = [
        ("task_block", {"task": "<p>Gehaltsaufgabe</p>", "hint": ""})
    ]
    salary_article.save_revision().publish()
    html = client.get(URL, {"thema": "fuehrung"}).content.decode()
    assert f'value="{offer["article"].pk}"' in html
    assert f'value="{salary_article.pk}"' not in html
    course_id = offer["lessons"][0].get_parent().pk
    html = client.get(URL, {"reihe": course_id}).content.decode()
    assert f'value="{offer["lessons"][0].pk}"' in html
    assert f'value="{offer["article"].pk}"' not in html


def test_choose_order_and_remove_with_buttons(client, offer):
    first, second, third = offer["lessons"][:3]
    compose(client, [first, second, third], "Führen lernen")
    assert chosen_titles(client)[:3] == [first.title, second.title, third.title]
    client.post(URL, {"action": f"down:{first.pk}", "title": "Führen lernen"})
    assert chosen_titles(client)[:3] == [second.title, first.title, third.title]
    client.post(URL, {"action": f"up:{third.pk}", "title": "Führen lernen"})
    assert chosen_titles(client)[:3] == [second.title, third.title, first.title]
    client.post(URL, {"action": f"remove:{second.pk}", "title": "Führen lernen"})
    titles = chosen_titles(client)
    assert titles == [third.title, first.title, "Abschluss Führung"]
    html = client.get(URL).content.decode()
    assert 'value="Führen lernen"' in html  # the name survives every step


def test_summary_counts_lessons_tasks_pages_and_flat_price(client, offer):
    compose(client, [*offer["lessons"][:2], offer["article"]])
    html = client.get(URL).content.decode()
    # 2 lessons × 2 tasks + the article's 2 + the final lesson's 1
    assert "3 / 30" in html and "<dd>7</dd>" in html
    assert "19,99" in html and "Abschluss Führung" in html
    assert "etwa" in html  # the page estimate


def test_price_per_lesson(client, offer):
    terms = OnDemandSettings.load()
    terms.pricing = OnDemandSettings.Pricing.PER_LESSON
    terms.lesson_price = "1.50"
    terms.save()
    compose(client, offer["lessons"][:3])
    html = client.get(URL).content.decode()
    assert "4,50" in html and "1,50" in html


def test_final_lesson_without_matching_topic_is_the_general_one(client, offer, topic):
    offer["leading"].topics.clear()
    other = type(topic).objects.create(slug="anderes", name="Anderes")
    offer["leading"].topics.set([other])
    compose(client, offer["lessons"][:1])
    assert chosen_titles(client)[-1] == "Abschluss für alle"


def test_thirty_lessons_at_most(client, terms, home_page, topic, finals):
    course = factories.course_with_lessons(home_page, slug="gross", lessons=32)
    lessons = [p for p in course.get_children().specific() if not p.is_final]
    for lesson in lessons:
        lesson.on_demand = True
        lesson.save_revision().publish()
    response = client.post(
        URL,
        {"action": "choose", "choose": [p.pk for p in lessons], "title": "Alles"},
        follow=True,
    )
    html = response.content.decode()
    assert "Nur 30 der 32" in html
    assert "30 / 30" in html
    assert len(chosen_titles(client)) == 31  # and the final lesson
    html = client.get(URL).content.decode()
    assert 'name="action" value="choose" disabled' in html
    response = client.post(
        URL,
        {"action": "choose", "choose": [lessons[-1].pk], "title": "Alles"},
        follow=True,
    )
    assert "bereits 30 Lektionen" in response.content.decode()


def test_basket_needs_a_name_and_a_lesson(client, offer):
    response = client.post(URL, {"action": "basket", "title": "Leer"}, follow=True)
    assert "Bitte wählen Sie mindestens eine Lektion." in response.content.decode()
    compose(client, offer["lessons"][:1], title="")
    response = client.post(URL, {"action": "basket", "title": " "}, follow=True)
    assert "Bitte geben Sie Ihrem Kurs einen Namen." in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "up:abc"},
        {"action": "remove:999999"},
        {"action": "choose", "choose": ["x", "-1", "999999"]},
        {"action": "nonsense"},
        {"title": "x" * 5000, "action": "rename"},
    ],
)
def test_bad_posts_change_nothing_and_answer_with_the_page(client, offer, data):
    compose(client, offer["lessons"][:2])
    response = client.post(URL, data, follow=True)
    assert response.status_code == 200
    assert chosen_titles(client)[:2] == [p.title for p in offer["lessons"][:2]]


def test_not_offered_gives_404(client, db):
    assert client.get(URL).status_code == 404


@pytest.mark.parametrize("lessons", [3, 25])
def test_composer_queries_stay_flat(
    client, terms, home_page, topic, finals, lessons, django_assert_max_num_queries
):
    course = factories.course_with_lessons(home_page, slug="flach", lessons=lessons)
    chosen = []
    for lesson in course.get_children().specific():
        if not lesson.is_final:
            lesson.on_demand = True
            lesson.categories = [topic]
            lesson.save_revision().publish()
            chosen.append(lesson)
    compose(client, chosen[:3])
    client.get(URL)  # warm the site's caches (navigation), as for any page
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"thema": "fuehrung"})
    assert response.status_code == 200


def test_course_pages_lead_to_the_composer_while_it_is_offered(
    client, offer, terms, django_capture_on_commit_callbacks
):
    course = offer["lessons"][0].get_parent()
    html = client.get(course.url).content.decode()
    assert 'href="/kurse/nach-wunsch/"' in html
    with django_capture_on_commit_callbacks(execute=True):
        terms.enabled = False
        terms.save()
    html = client.get(course.url).content.decode()
    assert 'href="/kurse/nach-wunsch/"' not in html
