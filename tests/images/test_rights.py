"""The image-rights registry: licences by expiry with the pages using each image,
the dashboard panel, and the daily reminder mailed to the editors (through a real
SMTP server on loopback)."""

import email
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model

from blog.models import ArticlePage
from tests import world

pytestmark = pytest.mark.django_db


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
    assert dated[-1] not in only  # the fourth licence ends in 32 days


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


def test_daily_task_mails_editors_about_expiring_licences(smtp_sink):
    from core.schedule import run_due_jobs

    morning = timezone.localtime().replace(hour=8)
    assert "licence_expiry_reminder" in run_due_jobs(morning)
    assert "licence_expiry_reminder" not in run_due_jobs(morning)  # once a day
    assert len(smtp_sink.messages) == 1
    recipients, raw = smtp_sink.messages[0]
    assert world.ADMIN_EMAIL in recipients
    assert world.EDITOR_EMAIL in recipients
    assert world.GUEST_AUTHOR_EMAIL not in recipients
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
