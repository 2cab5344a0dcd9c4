"""Writes of the comments app: taking a comment, moderating it, an author's reply,
and the writer's reply notifications. The mails go out from `notifications` (in the
background), mentions live in `mentions`."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from wagtail.models import Page

from consent.models import ConsentRecord
from consent.services import consent_records
from core.hooks import newsletter_opt_in
from core.http import client_ip
from pagecache.services import page_cache_purge

from . import reports, selectors, spam
from .models import Comment, CommentSettings
from .tasks import comment_published_mails, notify_confirmation_mail


class Closed(spam.Refused):
    pass


def _writing_author(page: Page, user):
    """The author profile of a logged-in writer who is one of the page's authors."""
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "author_profile", None)
    if profile is None:
        return None
    return (
        profile if profile.pk in {a.pk for a in selectors.page_authors(page)} else None
    )


@transaction.atomic
def comment_submit(
    *,
    page: Page,
    data: dict,
    request: HttpRequest,
    consent_texts: dict[str, str],
    versions: dict[str, object],
) -> Comment:
    """Store a comment that passes the rules, with its consent records.

    `data` is the form's cleaned data; `consent_texts` the wording of the debate
    rules and privacy boxes as shown, `versions` the policy versions the form cited
    (by role). Raises `spam.Refused` (or `Closed`) with a message for the reader.
    """
    rules = selectors.comment_settings()
    if not selectors.is_open(page, rules):
        raise Closed(
            "closed",
            translation.gettext(
                "Comments on this page are closed, so your comment could not be "
                "published. Your text is below if you want to keep it."
            ),
            status=403,
        )
    spam.comment_screen(page=page, data=data, request=request, rules=rules)
    parent = data.get("parent")
    user = request.user if request.user.is_authenticated else None
    author = _writing_author(page, user)
    if author is not None:
        status = Comment.Status.APPROVED
    elif rules.moderation == CommentSettings.Moderation.FIRST and (
        selectors.address_confirmed(data["email"])
    ):
        status = Comment.Status.APPROVED
    else:
        status = Comment.Status.PENDING
    comment = Comment.objects.create(
        page=page,
        parent=parent,
        name=data["name"],
        email=data["email"].lower(),
        website=data.get("website") or "",
        text=data["text"],
        status=status,
        author=author,
        user=user,
        language=translation.get_language() or "de",
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
        notify_requested=bool(data.get("notify")),
        approved_at=timezone.now() if status == Comment.Status.APPROVED else None,
    )
    source = selectors.comment_source(comment)
    consent_records(
        [
            {
                "purpose": purpose,
                "text": consent_texts[role],
                "source": source,
                "email": comment.email,
                "user": user,
                "scope": f"comment {comment.pk}",
                "policy_version": versions.get(role),
                "request": request,
            }
            for purpose, role in (
                (ConsentRecord.Purpose.DEBATE_RULES, "debate_rules"),
                (ConsentRecord.Purpose.PRIVACY_POLICY, "privacy"),
            )
        ]
    )
    if data.get("newsletter"):
        newsletter_opt_in.send(
            sender=Comment,
            email=comment.email,
            name=comment.name,
            request=request,
            source=source,
            text=consent_texts["newsletter"],
        )
    if comment.notify_requested:
        transaction.on_commit(lambda: notify_confirmation_mail.enqueue(comment.pk))
    if status == Comment.Status.APPROVED:
        _published(comment)
    return comment


def _published(comment: Comment) -> None:
    """A comment went live: its page is purged, and its authors and the writer it
    answers are told (in the background, after commit)."""
    page = comment.page
    transaction.on_commit(lambda: page_cache_purge(pages=[page]))
    _mails_for_published(comment)


def _mails_for_published(comment: Comment) -> None:
    transaction.on_commit(lambda: comment_published_mails.enqueue(comment.pk))


@transaction.atomic
def comments_moderate(*, comments: list[Comment], status: str, user=None) -> int:
    """Set the status of several comments. The first approval of a comment sends
    its notifications; every change of what is shown purges the page."""
    now = timezone.now()
    changed = 0
    pages: dict[int, Page] = {}
    for comment in comments:
        if comment.status == status:
            continue
        was_shown = comment.status == Comment.Status.APPROVED
        first_approval = status == Comment.Status.APPROVED and not comment.approved_at
        comment.status = status
        comment.moderated_at = now
        comment.moderated_by = user
        if first_approval:
            comment.approved_at = now
        comment.save(
            update_fields=["status", "moderated_at", "moderated_by", "approved_at"]
        )
        changed += 1
        if first_approval:
            _mails_for_published(comment)
        if status in (Comment.Status.REJECTED, Comment.Status.SPAM):
            reports.reports_decide(item=comment, removed=True, user=user)
            if status == Comment.Status.REJECTED:
                reports.statement_queue(comment)
        elif status == Comment.Status.APPROVED:
            reports.reports_decide(item=comment, removed=False, user=user)
        if was_shown or status == Comment.Status.APPROVED:
            pages[comment.page_id] = comment.page
    if pages:
        transaction.on_commit(lambda: page_cache_purge(pages=list(pages.values())))
    return changed


@transaction.atomic
def comment_reply_as_author(
    *, parent: Comment, text: str, user, author=None
) -> Comment:
    """A reply from the admin's moderation page: as one of the article's authors
    (marked as such) or as the editorial team under the moderator's name. Live at
    once; replying approves the comment answered, if it was waiting."""
    if parent.status != Comment.Status.APPROVED:
        comments_moderate(comments=[parent], status=Comment.Status.APPROVED, user=user)
    now = timezone.now()
    reply = Comment.objects.create(
        page=parent.page,
        parent=parent,
        name=author.name if author else (user.get_full_name() or user.email),
        email=(author.notification_email if author else "") or user.email,
        text=text,
        status=Comment.Status.APPROVED,
        author=author,
        user=user,
        language=translation.get_language() or "de",
        approved_at=now,
        moderated_at=now,
        moderated_by=user,
    )
    _published(reply)
    return reply


def notify_confirm(comment: Comment) -> bool:
    """The writer followed the link: replies to this comment are mailed to them."""
    if comment.notify_confirmed_at and not comment.notify_stopped_at:
        return False
    comment.notify_confirmed_at = timezone.now()
    comment.notify_stopped_at = None
    comment.save(update_fields=["notify_confirmed_at", "notify_stopped_at"])
    return True


def notify_stop(comment: Comment) -> bool:
    if comment.notify_stopped_at or not comment.notify_confirmed_at:
        return False
    comment.notify_stopped_at = timezone.now()
    comment.save(update_fields=["notify_stopped_at"])
    return True


def comment_edited(comment: Comment) -> None:
    """A moderator edited a comment in the admin: if it is shown, its page changes."""
    if comment.status == Comment.Status.APPROVED:
        page = comment.page
        transaction.on_commit(lambda: page_cache_purge(pages=[page]))
