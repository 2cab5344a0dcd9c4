"""Writes of the consent app: numbering the published versions of legal texts."""

from django.db import transaction
from wagtail.models import Page, Revision

from .models import PolicyVersion


@transaction.atomic
def policy_version_record(
    *, page: Page, revision: Revision, role: str, text: str
) -> PolicyVersion | None:
    """Number a newly published revision of a legal page and keep its text.

    Pages without a legal role are not versioned. Publishing the same revision twice
    (a re-publish of an unchanged page) records nothing new.
    """
    if not role:
        return None
    existing = PolicyVersion.objects.filter(revision=revision).first()
    if existing is not None:
        return existing
    last = (
        PolicyVersion.objects.select_for_update()
        .filter(page=page)
        .order_by("-number")
        .first()
    )
    version = PolicyVersion(
        page=page,
        revision=revision,
        role=role,
        number=(last.number + 1) if last else 1,
        title=page.title,
        text=text,
        published_at=page.last_published_at or revision.created_at,
    )
    version.full_clean()
    version.save()
    return version
