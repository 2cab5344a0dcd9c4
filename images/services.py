"""Writes of the image-rights registry: the licence reminder to the editors."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from pagecache.routing import default_site

from .rights import expiring_licences, rights_registry


def editor_addresses() -> list[str]:
    """Who hears about licences: active superusers and Wagtail's Moderators and
    Editors groups."""
    users = get_user_model().objects.filter(
        Q(is_superuser=True) | Q(groups__name__in=["Moderators", "Editors"]),
        is_active=True,
    )
    return sorted(set(users.exclude(email="").values_list("email", flat=True)))


def licence_reminder_send() -> int:
    """Send one e-mail listing every licence that ends within 30 days. Nothing is
    sent when none does or nobody is there to read it."""
    entries = rights_registry(expiring_licences())
    recipients = editor_addresses()
    if not entries or not recipients:
        return 0
    site = default_site()
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "images/email/licence_reminder.txt",
            {"entries": entries, "root_url": site.root_url if site else ""},
        )
        subject = render_to_string(
            "images/email/licence_reminder_subject.txt", {"count": len(entries)}
        ).strip()
    EmailMessage(subject, body, to=recipients).send()
    return len(entries)
