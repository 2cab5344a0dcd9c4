"""The magazine's part in GDPR requests (found by `privacy.registry`).

Exported: the articles a logged-in reader has opened (`ReadingMark`), with the
date, which tick the parts read on series pages. Erased: all of them; nothing
needs keeping."""

from .models import ReadingMark


def _marks(email: str):
    return ReadingMark.objects.filter(user__email__iexact=email)


def export_personal_data(email: str) -> dict | None:
    marks = list(_marks(email).select_related("page").order_by("read_at"))
    if not marks:
        return None
    return {
        "articles_read": [
            {"article": mark.page.title, "first_read": mark.read_at.isoformat()}
            for mark in marks
        ]
    }


def erase_personal_data(email: str) -> dict:
    count, _by_model = _marks(email).delete()
    return {"erased": [f"{count} reading marks"] if count else [], "kept": []}
