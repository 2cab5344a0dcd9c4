"""The mails of the comments app, plain text, from the publisher, with "Sie":
new comments to the article's authors, replies to writers who asked for them (with
the link to stop), and the confirmation of that request."""

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from home.selectors import publisher_info
from pagecache.routing import default_site

from . import tokens
from .models import Comment


def site_url() -> str:
    site = default_site()
    return site.root_url if site else ""


def _sender() -> str:
    return formataddr(
        (
            publisher_info().get("name") or settings.SITE_NAME,
            parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
        )
    )


def _message(template: str, *, to: str, language: str, context: dict) -> EmailMessage:
    with translation.override(language):
        context = {"site_url": site_url(), **context}
        subject = " ".join(
            render_to_string(f"comments/mail/{template}_subject.txt", context).split()
        )
        body = render_to_string(f"comments/mail/{template}.txt", context)
    return EmailMessage(subject, body, _sender(), [to])


def comment_link(comment: Comment) -> str:
    return f"{site_url()}{comment.page.url}#kommentar-{comment.pk}"


def author_notice(comment: Comment, author) -> EmailMessage:
    return _message(
        "author_notice",
        to=author.notification_email,
        language=settings.LANGUAGE_CODE,
        context={
            "comment": comment,
            "author": author,
            "link": comment_link(comment),
            "admin_link": site_url() + reverse("comments_review", args=[comment.pk]),
        },
    )


def reply_notice(reply: Comment, parent: Comment) -> EmailMessage:
    stop = site_url() + reverse("comments:stop", args=[tokens.stop_token(parent)])
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
            "link": site_url()
            + reverse("comments:notify", args=[tokens.notify_token(comment)]),
            "days": tokens.NOTIFY_DAYS,
        },
    )
