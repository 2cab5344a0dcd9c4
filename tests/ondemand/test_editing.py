"""What editors do for courses on demand in the admin: release an article with its
learning tasks, and edit a final-lesson template (its revisions are what a course
holds)."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from courses.models import FinalLessonTemplate

from .conftest import chosen_titles, compose

pytestmark = pytest.mark.django_db


def _task(text: str) -> tuple:
    return ("task_block", {"task": rich_text(f"<p>{text}</p>"), "hint": ""})


def test_editing_a_final_lesson_template_makes_a_revision_the_composer_uses(
    admin_client, client, offer
):
    template = offer["leading"]
    before = template.latest_revision_id
    url = f"/admin/snippets/courses/finallessontemplate/edit/{template.pk}/"
    assert admin_client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Abschluss Führung, neu",
            "teaser": "Ihr Plan.",
            "body": streamfield([_task("Neue Planaufgabe")]),
        }
    )
    data["topics"] = [t.pk for t in template.topics.all()]
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    template = FinalLessonTemplate.objects.get(pk=template.pk)
    assert template.latest_revision_id != before
    from django.test import Client

    reader = Client()
    compose(reader, offer["lessons"][:1])
    assert chosen_titles(reader)[-1] == "Abschluss Führung, neu"


def test_an_article_without_tasks_cannot_be_released(offer, article):
    from blog.models import ArticlePage

    article = ArticlePage.objects.get(pk=article.pk)
    article.learning_tasks = []
    article.course_eligible = True
    with pytest.raises(ValidationError) as refused:
        article.full_clean()
    assert "learning_tasks" in refused.value.message_dict
