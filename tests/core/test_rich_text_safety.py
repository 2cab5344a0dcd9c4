"""Rich text is cleaned on the server whatever path it arrives by (advisory
GHSA-wq5h-f9p5-q7fx: Wagtail 8 renders <script> and javascript: links saved outside
the editor)."""

import json

import pytest
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from blog.models import ArticlePage, Author

pytestmark = pytest.mark.django_db

DIRTY = (
    '<p>Hallo<script>alert("body")</script> '
    '<a href="javascript:alert(document.cookie)">Klick</a> '
    '<a href="https://example.org/" onclick="alert(1)">gut</a>'
    '<img src="x" onerror="alert(2)"></p>'
)


def assert_clean(html: str) -> None:
    lowered = html.lower()
    assert "<script>alert" not in lowered
    assert "javascript:" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered


def contentstate_with_javascript_link() -> str:
    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "type": "unstyled",
                    "depth": 0,
                    "text": "Bitte hier klicken <script>alert(3)</script>",
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {
                    "type": "LINK",
                    "mutability": "MUTABLE",
                    "data": {"url": "javascript:alert(document.cookie)"},
                }
            },
        }
    )


def test_rich_text_saved_through_the_orm_is_cleaned(client, article):
    article.body = [
        ("paragraph_block", DIRTY),
        *[(b.block_type, b.value) for b in article.body],
    ]
    article.save_revision().publish()
    stored = ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert_clean(stored)
    assert 'href="https://example.org/"' in stored  # the harmless link stays
    html = client.get(article.url).content.decode()
    assert "Hallo" in html and "Klick" in html
    assert_clean(html)


def test_rich_text_stored_before_cleaning_is_cleaned_when_shown(client, lead_author):
    # A row written without any save hook (an old import, a raw UPDATE).
    Author.objects.filter(pk=lead_author.pk).update(bio=DIRTY)
    html = client.get(lead_author.archive_url).content.decode()
    assert "Hallo" in html
    assert_clean(html)


def test_javascript_link_posted_to_the_author_editor_is_dropped(
    admin_client, lead_author
):
    author = lead_author
    edit_url = f"/admin/snippets/blog/author/edit/{author.pk}/"
    form = querydict_from_html(
        admin_client.get(edit_url).content.decode(), form_id="w-editor-form"
    )
    form["bio"] = contentstate_with_javascript_link()
    response = admin_client.post(edit_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    author.refresh_from_db()
    assert "Bitte" in author.bio
    assert_clean(author.bio)


def test_javascript_link_posted_to_the_page_editor_is_dropped(
    admin_client, client, article
):
    edit_url = f"/admin/pages/{article.pk}/edit/"
    form = querydict_from_html(
        admin_client.get(edit_url).content.decode(), form_id="page-edit-form"
    )
    # The page editor builds StreamField inputs in the browser; post them as it does.
    for key in [key for key in form if key.startswith("body-")]:
        del form[key]
    form.update(
        nested_form_data(
            {
                "learning_tasks": streamfield([]),
                "body": streamfield(
                    [
                        ("heading_block", {"text": "Erster Tag", "level": "h2"}),
                        ("paragraph_block", contentstate_with_javascript_link()),
                    ]
                ),
            }
        )
    )
    form["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    stored = json.dumps(article.body.raw_data[:])
    assert "Bitte" in stored
    assert_clean(stored)
    assert_clean(client.get(article.url).content.decode())


def test_rich_text_assigned_as_raw_json_is_cleaned_on_save(article):
    """Raw stream data (an import, a fixture, `body=[{...}]`) used to be stored as
    it came: Wagtail hands unconverted blocks back untouched."""
    article.body = json.dumps([{"type": "paragraph_block", "value": DIRTY}])
    article.save()
    stored = ArticlePage.objects.get(pk=article.pk).body.raw_data[0]["value"]
    assert_clean(stored)
    assert "Hallo" in stored
    revision = article.save_revision()
    assert_clean(json.dumps(revision.content["body"]))


@pytest.mark.parametrize("text", [DIRTY, "<div><p>Hallo</div>", "<p><b>Hallo <i>x"])
def test_the_editor_opens_a_page_whose_stored_text_is_dirty(
    admin_client, article, text
):
    dirty = json.dumps([{"type": "paragraph_block", "value": text, "id": "x1"}])
    ArticlePage.objects.filter(pk=article.pk).update(body=dirty)
    article.refresh_from_db()
    article.save_revision()
    ArticlePage.objects.filter(pk=article.pk).update(body=dirty)
    response = admin_client.get(f"/admin/pages/{article.pk}/edit/")
    assert response.status_code == 200
    assert "Hallo" in response.content.decode()


@pytest.mark.parametrize(
    "dirty",
    [DIRTY, "<script>alert(1)</script>", "<p><b>unclosed <i>tags", "<div><p>x</div>"],
)
def test_the_editor_opens_an_author_whose_stored_bio_is_dirty(
    admin_client, lead_author, dirty
):
    Author.objects.filter(pk=lead_author.pk).update(bio=dirty)
    response = admin_client.get(f"/admin/snippets/blog/author/edit/{lead_author.pk}/")
    assert response.status_code == 200
