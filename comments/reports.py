"""Notices and actions under the Digital Services Act (Art. 16 and 17).

- `report_submit`: anyone reports a comment or a mention, without an account; a
  notifier who gives an address gets a receipt at once (Art. 16(4)).
- `reports_decide`: the moderator's decision closes the open reports of an item;
  each notifier with an address hears of it (Art. 16(5)).
- `statement_queue`: a comment removed by a moderator brings its writer, where an
  address is known, a statement of reasons (Art. 17): what was decided, on what
  facts, that a person decided, on which ground, and how to contest it. Spam gets
  none: its addresses are not the writers' (Art. 17 asks for known contact data).
"""

from django.http import HttpRequest
from django.utils import timezone

from consent.selectors import policy_version_of_role
from core.http import client_ip
from mail.compose import Kind, message_build, site_root_url
from mail.later import composer, mail_queue

from .models import Comment, Mention, Report


def report_submit(
    *, item: Comment | Mention, reason: str, explanation: str, email: str, request
) -> Report:
    """Record a notice about `item`; the receipt mail follows the commit."""
    report = Report.objects.create(
        comment=item if isinstance(item, Comment) else None,
        mention=item if isinstance(item, Mention) else None,
        reason=reason,
        explanation=explanation,
        email=email,
        ip_address=client_ip(request) if isinstance(request, HttpRequest) else None,
    )
    if email:
        mail_queue(report_mail, report_id=report.pk, kind="receipt")
    return report


def reports_decide(*, item: Comment | Mention, removed: bool, user=None) -> int:
    """Close the item's open reports with the moderator's decision and tell each
    notifier who left an address."""
    open_reports = item.reports.filter(decision=Report.Decision.OPEN)
    ids = list(open_reports.values_list("pk", flat=True))
    if not ids:
        return 0
    Report.objects.filter(pk__in=ids).update(
        decision=Report.Decision.REMOVED if removed else Report.Decision.KEPT,
        decided_at=timezone.now(),
        decided_by=user if getattr(user, "is_authenticated", False) else None,
    )
    for pk in (
        Report.objects.filter(pk__in=ids).exclude(email="").values_list("pk", flat=True)
    ):
        mail_queue(report_mail, report_id=pk, kind="decision")
    return len(ids)


def statement_queue(comment: Comment) -> bool:
    """Send the writer of a removed comment the statement of reasons, once."""
    if not comment.email or comment.erased_at or comment.statement_sent_at:
        return False
    Comment.objects.filter(pk=comment.pk).update(statement_sent_at=timezone.now())
    mail_queue(statement_of_reasons, comment_id=comment.pk)
    return True


@composer
def report_mail(*, report_id: int, kind: str):
    """The notifier's receipt ("receipt") or the decision ("decision")."""
    report = Report.objects.select_related("comment__page", "mention__page").get(
        pk=report_id
    )
    return message_build(
        template=f"comments/mail/report_{kind}",
        to=report.email,
        kind=Kind.COMMENTS,
        context={"report": report, "item_url": _item_url(report.item)},
    )


@composer
def statement_of_reasons(*, comment_id: int):
    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is None or not comment.email:
        return None
    reports = list(comment.reports.filter(decision=Report.Decision.REMOVED))
    rules = policy_version_of_role("debate_rules")
    return message_build(
        template="comments/mail/statement_of_reasons",
        to=comment.email,
        kind=Kind.COMMENTS,
        language=comment.language,
        context={
            "comment": comment,
            "reports": reports,
            "reasons": sorted({report.get_reason_display() for report in reports}),
            "rules": rules,
            "rules_url": site_root_url() + rules.page.url
            if rules is not None and rules.page is not None
            else "",
            "page_url": site_root_url() + comment.page.url,
        },
    )


def _item_url(item) -> str:
    anchor = "kommentar" if isinstance(item, Comment) else "erwaehnung"
    return f"{site_root_url()}{item.page.url}#{anchor}-{item.pk}"
