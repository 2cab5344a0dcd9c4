"""GDPR part of the comments app: a writer's comments by e-mail address.

Erasure keeps the text of published comments, which replies in the thread answer,
but no longer says who wrote it: name, address, website, network data and the
account link go, and the thread shows "deleted" as the name. Comments never
published (waiting, rejected, spam) are deleted outright. The consent records of
the form are the consent app's (kept under a keyed hash)."""

from django.db import transaction
from django.utils import timezone

from pagecache.services import page_cache_purge

from .models import Comment


def _of(email: str):
    return Comment.objects.filter(email__iexact=email, erased_at=None)


def export_personal_data(email: str) -> list[dict]:
    return [
        {
            "page": comment.page.title,
            "url": comment.page.full_url,
            "written_at": comment.created_at.isoformat(),
            "name": comment.name,
            "website": comment.website,
            "text": comment.text,
            "status": comment.status,
            "ip_address": comment.ip_address,
            "user_agent": comment.user_agent,
            "reply_notifications": bool(comment.notifies_replies),
        }
        for comment in _of(email).select_related("page").order_by("created_at")
    ]


@transaction.atomic
def erase_personal_data(email: str) -> dict:
    comments = list(_of(email).select_related("page"))
    if not comments:
        return {}
    shown = [c for c in comments if c.status == Comment.Status.APPROVED]
    unshown = [c.pk for c in comments if c.status != Comment.Status.APPROVED]
    now = timezone.now()
    Comment.objects.filter(pk__in=[c.pk for c in shown]).update(
        name="",
        email="",
        website="",
        ip_address=None,
        user_agent="",
        user=None,
        notify_requested=False,
        notify_stopped_at=now,
        erased_at=now,
    )
    # Replies to an unpublished comment hang at the top of the thread instead.
    Comment.objects.filter(parent_id__in=unshown).update(parent=None)
    Comment.objects.filter(pk__in=unshown).delete()
    pages = {c.page_id: c.page for c in shown}
    if pages:
        transaction.on_commit(lambda: page_cache_purge(pages=list(pages.values())))
    report = {"erased": []}
    if shown:
        report["erased"].append(
            f"{len(shown)} published comment(s): name, e-mail address, website, "
            "network data"
        )
        report["kept"] = [
            {
                "what": f"the text of {len(shown)} published comment(s), shown as "
                "written by “deleted”",
                "why": "replies in the discussion answer it; it names no one",
            }
        ]
    if unshown:
        report["erased"].append(f"{len(unshown)} unpublished comment(s), deleted")
    return report
