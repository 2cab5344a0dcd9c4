"""The mails of the comments app, plain text, from the publisher, with "Sie":
new comments to the article's authors, replies to writers who asked for them (with
the link to stop), and the confirmation of that request."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from mail.compose import Kind, message_build, site_root_url

from . import tokens
from .models import Comment


def _message(template: str, *, to: str, language: str, context: dict) -> EmailMessage:
    return message_build(
        template=f"comments/mail/{template}",
        to=to,
        kind=Kind.COMMENTS,
        language=language,
        context=context,
    )


def comment_link(comment: Comment) -> str:
    return f"{site_root_url()}{comment.page.url}#kommentar-{comment.pk}"


def author_notice(comment: Comment, author) -> EmailMessage:
    return _message(
        "author_notice",
        to=author.notification_email,
        language=settings.LANGUAGE_CODE,
        context={
            "comment": comment,
            "author": author,
            "link": comment_link(comment),
            "admin_link": site_root_url()
            + reverse("comments_review", args=[comment.pk]),
        },
    )


def reply_notice(reply: Comment, parent: Comment) -> EmailMessage:
    stop = site_root_url() + reverse("comments:stop", args=[tokens.stop_token(parent)])
    message = _message(
        "reply_notice",
        to=parent.email,
        language=parent.language,
        context={
            "reply": reply,
            "parent": parent,
            "link": comment_link(reply),
            "stop": stop,
        },
    )
    message.extra_headers["List-Unsubscribe"] = f"<{stop}>"
    return message


def notify_confirmation(comment: Comment) -> EmailMessage:
    return _message(
        "notify_confirm",
        to=comment.email,
        language=comment.language,
        context={
            "comment": comment,
            "link": site_root_url()
            + reverse("comments:notify", args=[tokens.notify_token(comment)]),
            "days": tokens.NOTIFY_DAYS,
        },
    )
