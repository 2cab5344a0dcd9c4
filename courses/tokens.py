"""The signed links of the e-mail course. They need no login: a reader opens a
lesson, manages the course or unsubscribes from the mail. Each names its purpose
(its own salt), the enrolment and a fingerprint of the address it was sent to, so
a link stops working when the enrolment ends or its address is erased."""

import hashlib

from django.core import signing

from .models import Enrolment

MANAGE = "imprint.courses.manage"
LESSON = "imprint.courses.lesson"
UNSUBSCRIBE = "imprint.courses.unsubscribe"
ITEM = "imprint.courses.item"  # a course on demand's lesson (a revision)


class Invalid(Exception):
    """A link that is forged or no longer valid."""


def _fingerprint(email: str) -> str:
    return hashlib.sha256(email.lower().encode()).hexdigest()[:12]


def manage_token(enrolment_id: int, email: str) -> str:
    return signing.dumps([enrolment_id, _fingerprint(email)], salt=MANAGE)


def unsubscribe_token(enrolment_id: int, email: str) -> str:
    return signing.dumps([enrolment_id, _fingerprint(email)], salt=UNSUBSCRIBE)


def lesson_token(enrolment_id: int, email: str, lesson_id: int) -> str:
    return signing.dumps([enrolment_id, _fingerprint(email), lesson_id], salt=LESSON)


def item_token(enrolment_id: int, email: str, revision_id: int) -> str:
    return signing.dumps([enrolment_id, _fingerprint(email), revision_id], salt=ITEM)


def _enrolment(pk, fingerprint) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("course").filter(pk=pk, erased_at=None).first()
    )
    if (
        enrolment is None
        or not enrolment.email
        or _fingerprint(enrolment.email) != fingerprint
    ):
        raise Invalid("unknown")
    return enrolment


def _load(token: str, salt: str) -> list:
    try:
        value = signing.loads(token, salt=salt)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise Invalid("forged") from error
    if not isinstance(value, list):
        raise Invalid("forged")
    return value


def manage_read(token: str) -> Enrolment:
    pk, fingerprint = _load(token, MANAGE)
    return _enrolment(pk, fingerprint)


def unsubscribe_read(token: str) -> Enrolment:
    pk, fingerprint = _load(token, UNSUBSCRIBE)
    return _enrolment(pk, fingerprint)


def lesson_read(token: str) -> tuple[Enrolment, int]:
    pk, fingerprint, lesson_id = _load(token, LESSON)
    return _enrolment(pk, fingerprint), lesson_id


def item_read(token: str) -> tuple[Enrolment, int]:
    pk, fingerprint, revision_id = _load(token, ITEM)
    return _enrolment(pk, fingerprint), revision_id
