"""Signed links of the comment mails and pages.

- receipt: the page a writer sees after sending (their comment and whether it waits);
- notify: the confirmation of reply notifications, valid for `NOTIFY_DAYS`;
- stop: the unsubscribe link in every reply notification, valid as long as the
  comment's address is unchanged (an erased writer's link does nothing).
"""

import hashlib

from django.core import signing

from .models import Comment

NOTIFY_DAYS = 7


class Invalid(Exception):
    pass


def _fingerprint(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:12]


def _make(kind: str, comment: Comment) -> str:
    return signing.dumps(
        [comment.pk, _fingerprint(comment.email)], salt=f"imprint.comments.{kind}"
    )


def _load(kind: str, token: str, max_age: int | None = None) -> Comment:
    try:
        pk, fingerprint = signing.loads(
            token, salt=f"imprint.comments.{kind}", max_age=max_age
        )
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Invalid from error
    comment = Comment.objects.select_related("page").filter(pk=pk).first()
    if (
        comment is None
        or not comment.email
        or _fingerprint(comment.email) != fingerprint
    ):
        raise Invalid
    return comment


def receipt_token(comment: Comment) -> str:
    return _make("receipt", comment)


def receipt_read(token: str) -> Comment:
    return _load("receipt", token, max_age=30 * 24 * 3600)


def notify_token(comment: Comment) -> str:
    return _make("notify", comment)


def notify_read(token: str) -> Comment:
    return _load("notify", token, max_age=NOTIFY_DAYS * 24 * 3600)


def stop_token(comment: Comment) -> str:
    return _make("stop", comment)


def stop_read(token: str) -> Comment:
    return _load("stop", token)
