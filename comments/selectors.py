"""Reads of the comments app, shaped for the page: a thread of any size in one
query, the mentions in one more, and the editors' settings and the legal versions
from the per-process memo."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone, translation
from django.utils.translation import gettext_noop
from wagtail.models import Page

from consent.models import ConsentRecord, PolicyVersion
from consent.selectors import policy_version_of_role
from consent.services import source_text
from newsletters.services import default_newsletter
from pagecache import memo
from pagecache.routing import view_restrictions_exist

from .models import Comment, CommentSettings, Mention, Report

# Replies nest this deep on the page; deeper ones are shown at this depth, each
# naming whom it answers.
MAX_DEPTH = 3
POLICY_ROLES = ("debate_rules", "privacy")


def comment_settings() -> CommentSettings:
    """The editors' settings, built once per process until they change (saving them
    expires the fragments token, `comments.receivers`)."""
    return memo.fragments.get("comment-settings", CommentSettings.load)


@dataclass(frozen=True)
class Policy:
    """The current version of a legal text, as a form cites it."""

    version_id: int
    role: str
    title: str
    label: str
    url: str


def current_policies() -> dict[str, Policy]:
    """The newest version of the debate rules and the privacy policy, by role.
    Publishing a legal page changes the structure token, so a new version is seen
    at once. Kept per language: the version's label ("version 1 of …") is
    worded and dated in the reader's."""
    return memo.structure.get(
        ("comment-policies", translation.get_language()), _policies
    )


def _policies() -> dict[str, Policy]:
    found = {role: policy_version_of_role(role) for role in POLICY_ROLES}
    return {role: as_policy(version) for role, version in found.items() if version}


def as_policy(version: PolicyVersion) -> Policy:
    page = version.page
    return Policy(
        version_id=version.pk,
        role=version.role,
        title=page.title if page else version.title,
        label=str(version.label),
        url=(page.get_url() or "") if page else "",
    )


def policy_version(role: str, version_id: str | int | None) -> PolicyVersion | None:
    """The version a form says it showed, if it is one of `role`; else the current."""
    try:
        chosen = PolicyVersion.objects.filter(role=role, pk=int(version_id)).first()
    except (TypeError, ValueError):
        chosen = None
    if chosen is not None:
        return chosen
    current = current_policies().get(role)
    return (
        PolicyVersion.objects.filter(pk=current.version_id).first() if current else None
    )


def page_authors(page: Page) -> list:
    """The authors of the page (an article's byline); none for other page types."""
    return list(getattr(page.specific, "authors", []) or [])


def offers_newsletter() -> bool:
    """Whether the form offers the newsletter box (a public newsletter exists)."""
    return memo.fragments.get(
        "comment-newsletter", lambda: default_newsletter() is not None
    )


def accepts_comments(page: Page) -> bool:
    """Whether the page takes part at all: its type has the `comments_open` field,
    and it is public (a page behind a password or login has no public discussion,
    and strangers may not post to it or announce mentions of it)."""
    if not hasattr(page, "comments_open"):
        return False
    return not (view_restrictions_exist() and page.get_view_restrictions().exists())


def closes_on(page: Page, settings: CommentSettings | None = None):
    """The date comments close by themselves, or None."""
    settings = settings or comment_settings()
    if not settings.close_after_days:
        return None
    published = getattr(page, "publication_date", None) or (
        page.first_published_at and timezone.localdate(page.first_published_at)
    )
    if not published:
        return None
    return published + timedelta(days=settings.close_after_days)


def is_open(page: Page, settings: CommentSettings | None = None) -> bool:
    if not accepts_comments(page) or not page.comments_open:
        return False
    closes = closes_on(page, settings)
    return closes is None or timezone.localdate() < closes


@dataclass
class Node:
    comment: Comment
    depth: int
    replying_to: str = ""  # whom a reply shown flat answers
    children: list["Node"] = field(default_factory=list)
    siblings: list["Node"] | None = field(default=None, repr=False)


def thread(page: Page) -> tuple[list[Node], int]:
    """The approved comments of a page as a tree and their number, in one query
    whatever the size. Replies nest to `MAX_DEPTH`; a reply to a comment at that
    depth is shown beside it, after the earlier ones, naming whom it answers."""
    comments = list(
        Comment.objects.filter(page=page, status=Comment.Status.APPROVED)
        .select_related("author")
        .only(
            "id", "parent", "page", "name", "website", "html", "created_at",
            "erased_at", "author", "author__name", "author__slug",
        )
        .order_by("created_at", "pk")
    )  # fmt: skip
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for comment in comments:
        parent = nodes.get(comment.parent_id)
        if parent is None:  # a first-level comment, or its parent is not shown
            node = Node(comment, 1, siblings=roots)
        elif parent.depth < MAX_DEPTH:
            node = Node(comment, parent.depth + 1, siblings=parent.children)
        else:
            node = Node(
                comment,
                MAX_DEPTH,
                replying_to=parent.comment.shown_name,
                siblings=parent.siblings,
            )
        node.siblings.append(node)
        nodes[comment.pk] = node
    return roots, len(comments)


def mentions(page: Page) -> list[Mention]:
    return list(
        Mention.objects.filter(page=page, status=Mention.Status.APPROVED).order_by(
            "received_at", "pk"
        )
    )


def comment_source(comment: Comment) -> str:
    """The ledger's "where" for the consents given with `comment` (the receipt
    finds the newsletter opt-in by it)."""
    return source_text(
        gettext_noop("comment form on %(page)s (comment %(id)s)"),
        page=comment.page.url or comment.page_id,
        id=comment.pk,
    )


def newsletter_pending(comment: Comment) -> bool:
    """Whether the commenter ticked the newsletter box and has yet to confirm it
    (the receipt then says that a confirmation mail is on its way)."""
    return ConsentRecord.objects.filter(
        purpose=ConsentRecord.Purpose.NEWSLETTER,
        email=comment.email,
        source=comment_source(comment),
        awaits_confirmation=True,
        confirmed_at=None,
    ).exists()


def address_confirmed(email: str) -> bool:
    """An address counts as confirmed once a moderator approved a comment from it."""
    return Comment.objects.filter(
        email__iexact=email, status=Comment.Status.APPROVED, erased_at=None
    ).exists()


def moderation_counts() -> dict[str, int]:
    """Comments and mentions waiting for a moderator (the admin menu's count)."""
    return {
        "comments": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        "mentions": Mention.objects.filter(status=Mention.Status.PENDING).count(),
        "reports": Report.objects.filter(decision=Report.Decision.OPEN).count(),
    }


def open_reports():
    """Reports waiting for a decision, oldest first, with what they name."""
    return (
        Report.objects.filter(decision=Report.Decision.OPEN)
        .select_related("comment__page", "mention__page")
        .order_by("created_at")
    )


def transparency_counts(year: int) -> dict:
    """The year's figures a transparency report asks for (DSA Art. 15(1)(b), (c)):
    notices by reason and by decision, the median time to a decision, and the
    removals on the moderators' own initiative with the statements of reasons
    sent."""
    from statistics import median

    reports = Report.objects.filter(created_at__year=year)
    by_reason = {
        label: reports.filter(reason=value).count()
        for value, label in Report.Reason.choices
    }
    by_decision = {
        label: reports.filter(decision=value).count()
        for value, label in Report.Decision.choices
    }
    hours = [
        (decided - created).total_seconds() / 3600
        for created, decided in reports.exclude(decided_at=None).values_list(
            "created_at", "decided_at"
        )
    ]
    removed = Comment.objects.filter(
        moderated_at__year=year,
        status__in=(Comment.Status.REJECTED, Comment.Status.SPAM),
        approved_at__isnull=False,
    )
    return {
        "year": year,
        "reports": reports.count(),
        "by_reason": by_reason,
        "by_decision": by_decision,
        "median_hours": round(median(hours), 1) if hours else None,
        "removed_own_initiative": removed.exclude(
            reports__decision=Report.Decision.REMOVED
        )
        .distinct()
        .count(),
        "removed_after_report": removed.filter(
            reports__decision=Report.Decision.REMOVED
        )
        .distinct()
        .count(),
        "statements": Comment.objects.filter(statement_sent_at__year=year).count(),
    }
