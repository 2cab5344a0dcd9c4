"""Reads of the consent app."""

from .models import PolicyVersion


def policy_version_current(*, page_id: int) -> PolicyVersion | None:
    """The newest version of a legal page, the one a form shown now cites."""
    return PolicyVersion.objects.filter(page_id=page_id).order_by("-number").first()
