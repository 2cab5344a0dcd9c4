"""Sending the comment mails (called by the tasks, after the change committed)."""

from . import mails, selectors
from .models import Comment


def published_mails_send(comment_id: int) -> int:
    """The mails for a comment that went live: to each author of the page with an
    address (not to the one who wrote it), and to the writer of the comment it
    answers if they asked to hear of replies. Returns how many were sent."""
    comment = (
        Comment.objects.select_related("page", "parent", "author")
        .filter(pk=comment_id, status=Comment.Status.APPROVED)
        .first()
    )
    if comment is None:
        return 0
    sent = 0
    writer = comment.email.lower()
    told = {writer}
    for author in selectors.page_authors(comment.page):
        address = author.notification_email.lower()
        if address and address not in told and author.pk != comment.author_id:
            mails.author_notice(comment, author).send()
            told.add(address)
            sent += 1
    parent = comment.parent
    if (
        parent is not None
        and parent.notifies_replies
        and parent.erased_at is None
        and parent.email.lower() != writer
    ):
        mails.reply_notice(comment, parent).send()
        sent += 1
    return sent


def notify_confirmation_send(comment_id: int) -> bool:
    comment = Comment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is None or not comment.email or comment.notify_confirmed_at:
        return False
    mails.notify_confirmation(comment).send()
    return True
