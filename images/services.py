"""Writes of the image-rights registry: the licence reminder to the editors."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from mail.compose import Kind, message_build

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
    message_build(
        template="images/email/licence_reminder",
        to=recipients,
        kind=Kind.STAFF,
        context={"entries": entries, "count": len(entries)},
    ).send()
    return len(entries)
