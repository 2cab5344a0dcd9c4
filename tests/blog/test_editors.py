"""The editors' side: scheduled publishing, moderation of guest authors, previews and
block previews."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import Block
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from blog.blocks import ArticleBodyBlock
from blog.models import ArticlePage, Author, BlogIndexPage, SeriesPage
from home.models import HomePage, StandardPage
from tests import world

pytestmark = pytest.mark.django_db


# --- scheduled publishing -----------------------------------------------------------


def test_scheduled_part_goes_live_when_its_time_comes(
    client, series, ids, django_capture_on_commit_callbacks
):
    part = ArticlePage.objects.get(pk=ids.scheduled_part)
    url = f"{series.url}{part.slug}/"
    assert not part.live and part.go_live_at
    assert client.get(url).status_code == 404

    call_command("run_schedule", "--once")  # before its time: nothing happens
    part.refresh_from_db()
    assert not part.live

    # Let its time come: move the approved go-live moment into the past.
    past = timezone.now() - timedelta(minutes=1)
    revision = part.scheduled_revision
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_schedule", "--once")
    part.refresh_from_db()
    assert part.live
    assert client.get(url).status_code == 200
    listing = client.get(series.url).content.decode()
    assert 'class="series-part series-part--upcoming"' not in listing


def test_expired_page_goes_offline(client, article):
    article.expire_at = timezone.now() - timedelta(minutes=1)
    article.save(update_fields=["expire_at"])
    call_command("run_schedule", "--once")
    article.refresh_from_db()
    assert not article.live and article.expired


# --- moderation -------------------------------------------------------------------


def _login(client, email_address):
    client.force_login(get_user_model().objects.get(email=email_address))


def _new_article_form(client, parent: BlogIndexPage) -> dict:
    url = f"/admin/pages/add/blog/articlepage/{parent.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    form = querydict_from_html(page.content.decode(), form_id="page-edit-form")
    form.update(
        {
            "title": "Gastbeitrag: Mentoring im ersten Jahr",
            "slug": "gastbeitrag-mentoring",
            "lead": "Warum ein Mentor mehr bewirkt als jedes Einarbeitungsprogramm.",
            "article_authors-TOTAL_FORMS": "1",
            "article_authors-INITIAL_FORMS": "0",
            "article_authors-MIN_NUM_FORMS": "1",
            "article_authors-MAX_NUM_FORMS": "1000",
            "article_authors-0-author": str(
                Author.objects.get(user__email=world.GUEST_AUTHOR_EMAIL).pk
            ),
            "article_authors-0-ORDER": "1",
            "article_authors-0-id": "",
            "article_authors-0-DELETE": "",
        }
    )
    form.update(
        nested_form_data(
            {
                "learning_tasks": streamfield([]),
                "body": streamfield(
                    [("paragraph_block", rich_text("<p>Ein Mentor hört zu.</p>"))]
                ),
            }
        )
    )
    return url, form


def test_guest_author_submits_and_an_editor_approves(client, blog_index):
    _login(client, world.GUEST_AUTHOR_EMAIL)
    url, form = _new_article_form(client, blog_index)

    # Publishing is not hers to do: the button is missing and a forged one fails.
    assert "action-publish" not in client.get(url).content.decode()
    form["action-submit"] = "action-submit"
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = ArticlePage.objects.get(slug="gastbeitrag-mentoring")
    assert not page.live
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(page.pk)
    )
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert client.get(f"{blog_index.url}gastbeitrag-mentoring/").status_code == 404

    _login(client, world.EDITOR_EMAIL)
    task_state = state.current_task_state
    approve = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[page.pk, "approve", task_state.pk],
        ),
        {"comment": "Danke, passt."},
    )
    assert approve.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert client.get(f"{blog_index.url}gastbeitrag-mentoring/").status_code == 200


def test_guest_author_cannot_publish_directly(client, blog_index):
    _login(client, world.GUEST_AUTHOR_EMAIL)
    url, form = _new_article_form(client, blog_index)
    form["action-publish"] = "action-publish"
    response = client.post(url, form)
    assert response.status_code == 302
    # The forged publish is taken as a save: a draft, not a live page.
    page = ArticlePage.objects.get(slug="gastbeitrag-mentoring")
    assert not page.live and page.has_unpublished_changes
    assert client.get(f"{blog_index.url}gastbeitrag-mentoring/").status_code == 404


def test_editor_publishes_directly_and_the_page_is_live(client, blog_index):
    _login(client, world.EDITOR_EMAIL)
    url, form = _new_article_form(client, blog_index)
    form["action-publish"] = "action-publish"
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = ArticlePage.objects.get(slug="gastbeitrag-mentoring")
    assert page.live and not page.has_unpublished_changes
    assert client.get(f"{blog_index.url}gastbeitrag-mentoring/").status_code == 200


def test_a_new_articles_autosave_saves_a_draft_with_a_german_slug(client, blog_index):
    """The editor types a title into a new article: the autosave (a JSON request
    of the "save" action) stores a draft although the author row is still empty,
    and the slug writes "ö" as "oe"."""
    _login(client, world.EDITOR_EMAIL)
    url, form = _new_article_form(client, blog_index)
    form.update(
        {
            "title": "Kontaktbörse für Einsteiger",
            "slug": "kontaktbörse-für-einsteiger",  # as Wagtail's script fills it
            "lead": "",
            "article_authors-0-author": "",
        }
    )
    saved = client.post(url, form, HTTP_ACCEPT="application/json")
    assert saved.status_code == 200, saved.content.decode()[:500]
    assert saved.json()["success"]
    draft = ArticlePage.objects.get(slug="kontaktboerse-fuer-einsteiger")
    assert not draft.live and not draft.article_authors.exists()

    # Publishing still asks for the author.
    form.update({"slug": "kontaktboerse-2", "action-publish": "action-publish"})
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert not ArticlePage.objects.filter(slug="kontaktboerse-2").exists()


def test_the_editor_names_the_pdf_product_of_a_page_sold_and_says_so_if_none(
    admin_client, article, blog_index
):
    from shop.selectors import product_sold_from

    product = product_sold_from(page_id=article.pk)
    html = admin_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert f"Im Shop als „{product.title}“" in html
    assert ">None<" not in html
    unsold = next(
        page
        for page in ArticlePage.objects.exclude(pk=article.pk)
        if product_sold_from(page_id=page.pk) is None
    )
    html = admin_client.get(f"/admin/pages/{unsold.pk}/edit/").content.decode()
    assert "Noch nicht im Shop" in html


# --- previews ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "model", [HomePage, StandardPage, BlogIndexPage, SeriesPage, ArticlePage]
)
def test_every_page_type_previews(model, admin_user):
    page = model.objects.live().first().specific
    page.title = f"{page.title} (Vorschau)"
    for mode, _label in page.preview_modes:
        response = page.make_preview_request(preview_mode=mode)
        assert response.status_code == 200
        assert "(Vorschau)" in response.rendered_content


def test_every_block_has_a_description_icon_template_and_preview(admin_client):
    stream = ArticleBodyBlock()  # the general blocks and the shop and newsletter ones
    for name, block in stream.child_blocks.items():
        meta = block.meta
        assert meta.description and meta.icon and meta.template, name
        assert block.is_previewable, name
        key = next(k for k, v in Block.definition_registry.items() if v is block)
        response = admin_client.get("/admin/block-preview/", {"id": key})
        assert response.status_code == 200, name
        assert "site.css" in response.content.decode(), name
