"""Reads of the consent app."""

from .models import PolicyVersion


def policy_version_current(*, page_id: int) -> PolicyVersion | None:
    """The newest version of a legal page, the one a form shown now cites."""
    return PolicyVersion.objects.filter(page_id=page_id).order_by("-number").first()


def consent_records_of(email: str):
    """A person's ledger entries, oldest first: those under the address, those of
    their account, and those erased since, found by the keyed hash of the address."""
    from django.db.models import Q

    from privacy.services import subject_hash

    from .models import ConsentRecord

    email = (email or "").strip()
    if not email:
        return ConsentRecord.objects.none()
    return (
        ConsentRecord.objects.filter(
            Q(email__iexact=email)
            | Q(user__email__iexact=email)
            | Q(subject_hash=subject_hash(email))
        )
        .select_related("policy_version")
        .order_by("created_at", "pk")
    )


def policy_version_of_role(role: str) -> PolicyVersion | None:
    """The newest version of the live legal page with `role` ("privacy",
    "debate_rules", …): the one a form shown now cites. One query."""
    return (
        PolicyVersion.objects.filter(role=role, page__live=True)
        .order_by("-number")
        .first()
    )
