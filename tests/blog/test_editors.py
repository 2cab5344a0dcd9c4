"""The editors' side: scheduled publishing, moderation of guest authors, previews,
block previews, and the image-rights registry with its daily reminder."""

import email
import re
import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.blocks import Block
from wagtail.images import get_image_model
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from blog.blocks import ArticleBodyBlock
from blog.models import ArticlePage, BlogIndexPage, SeriesPage
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


# --- scheduled publishing -----------------------------------------------------------


def test_scheduled_part_goes_live_when_its_time_comes(
    client, django_capture_on_commit_callbacks
):
    part = ArticlePage.objects.get(slug="nach-den-100-tagen")
    assert not part.live and part.go_live_at
    assert (
        client.get("/magazin/die-ersten-100-tage/nach-den-100-tagen/").status_code
        == 404
    )

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
    assert (
        client.get("/magazin/die-ersten-100-tage/nach-den-100-tagen/").status_code
        == 200
    )
    series = client.get("/magazin/die-ersten-100-tage/").content.decode()
    assert 'class="series-part series-part--upcoming"' not in series


def test_expired_page_goes_offline(client, article):
    article.expire_at = timezone.now() - timedelta(minutes=1)
    article.save(update_fields=["expire_at"])
    call_command("run_schedule", "--once")
    article.refresh_from_db()
    assert not article.live and article.expired


# --- moderation -------------------------------------------------------------------


def _login(client, email_address):
    from django.contrib.auth import get_user_model

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
                __import__("blog.models")
                .models.Author.objects.get(slug="selin-aydin")
                .pk
            ),
            "article_authors-0-ORDER": "1",
            "article_authors-0-id": "",
            "article_authors-0-DELETE": "",
        }
    )
    form.update(
        nested_form_data(
            {
                "body": streamfield(
                    [("paragraph_block", rich_text("<p>Ein Mentor hört zu.</p>"))]
                )
            }
        )
    )
    return url, form


def test_guest_author_submits_and_an_editor_approves(client, blog_index):
    _login(client, "gastautorin@imprint.example")
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
    assert client.get(page.url or "/magazin/gastbeitrag-mentoring/").status_code == 404

    _login(client, "redaktion@imprint.example")
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
    assert client.get("/magazin/gastbeitrag-mentoring/").status_code == 200


def test_guest_author_cannot_publish_directly(client, blog_index):
    _login(client, "gastautorin@imprint.example")
    url, form = _new_article_form(client, blog_index)
    form["action-publish"] = "action-publish"
    client.post(url, form)
    page = ArticlePage.objects.filter(slug="gastbeitrag-mentoring").first()
    assert page is None or not page.live


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
        assert "imprint.css" in response.content.decode(), name


# --- image rights -------------------------------------------------------------------


def _expiring_image():
    return (
        get_image_model()
        .objects.filter(licence_expires_at__isnull=False)
        .order_by("licence_expires_at")[0]
    )


def test_rights_registry_lists_images_by_expiry_with_their_pages(admin_client):
    html = admin_client.get("/admin/image-rights/").content.decode()
    titles = re.findall(r'<a href="/admin/images/\d+/">([^<]+)</a>', html)
    dated = list(
        get_image_model()
        .objects.filter(licence_expires_at__isnull=False)
        .order_by("licence_expires_at", "title")
        .values_list("title", flat=True)
    )
    assert titles[: len(dated)] == dated  # soonest end first
    image = _expiring_image()
    row = html[html.index(image.title) :].split("</tr>")[0]
    users = ArticlePage.objects.filter(hero_image=image)
    for page in users:
        assert f"/admin/pages/{page.pk}/edit/" in row
    only = admin_client.get("/admin/image-rights/", {"expiring": "1"}).content.decode()
    soon = [title for title in dated if title in only]
    assert len(re.findall(r'<tr class="image-rights--', only)) == len(soon) == 3
    assert dated[-1] not in only  # the demo's fourth licence ends in 32 days


def test_dashboard_panel_lists_licences_ending_within_30_days(admin_client):
    html = admin_client.get("/admin/").content.decode()
    panel = html[html.index('id="expiring-licences-title"') :].split("</section>")[0]
    image = _expiring_image()
    assert image.title in panel
    far = get_image_model().objects.exclude(pk=image.pk).first()
    far.licence_expires_at = timezone.localdate() + timedelta(days=90)
    far.save()
    assert (
        far.title
        not in admin_client.get("/admin/")
        .content.decode()
        .split('id="expiring-licences-title"')[1]
        .split("</section>")[0]
    )


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_sink(settings):
    """A real SMTP server on loopback (aiosmtpd) that Django's SMTP backend talks to."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


def test_daily_task_mails_editors_about_expiring_licences(smtp_sink):
    from core.schedule import run_due_jobs

    morning = timezone.localtime().replace(hour=8)
    assert "licence_expiry_reminder" in run_due_jobs(morning)
    assert "licence_expiry_reminder" not in run_due_jobs(morning)  # once a day
    assert len(smtp_sink.messages) == 1
    recipients, raw = smtp_sink.messages[0]
    assert "admin@imprint.example" in recipients
    assert "redaktion@imprint.example" in recipients
    assert "gastautorin@imprint.example" not in recipients
    message = email.message_from_bytes(raw)
    body = message.get_payload(decode=True).decode()
    image = _expiring_image()
    assert image.title in body
    page = ArticlePage.objects.filter(hero_image=image).first()
    assert page.title in body and f"/admin/pages/{page.pk}/edit/" in body


def test_no_mail_when_no_licence_ends_soon(smtp_sink):
    from images.tasks import licence_expiry_reminder

    get_image_model().objects.update(licence_expires_at=None)
    assert licence_expiry_reminder.call() == 0
    assert smtp_sink.messages == []
