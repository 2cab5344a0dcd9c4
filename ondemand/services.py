"""Writes of courses on demand: the composer's steps on a draft (choose, order,
remove, name), freezing a draft into what a basket line holds, putting it in the
basket, and the editors' side: a reader's request, the course composed for it and
the link sent to buy exactly that course.

A draft is `{"title": str, "ids": [page id, ...]}`: the reader's lives in the
session, an editor's in a `ComposedCourse`. The steps take and return drafts and
never touch storage, so both composers share them.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mail.compose import Kind, message_build, site_root_url
from mail.later import composer, mail_queue
from shop.composed import ComposedSpec, composed_of, composed_option

from . import selectors
from .models import (
    MAX_LESSONS,
    ComposedCourse,
    CourseRequest,
    OnDemandSettings,
    new_code,
)

TITLE_MAX = 120


class Refused(Exception):
    """A step the composer cannot take; the message says why, for the reader."""


@dataclass
class Draft:
    title: str
    ids: list[int]

    @classmethod
    def from_value(cls, value) -> "Draft":
        value = value if isinstance(value, dict) else {}
        ids = [pk for pk in value.get("ids", []) if isinstance(pk, int)]
        return cls(title=str(value.get("title", ""))[:TITLE_MAX], ids=ids)

    def as_value(self) -> dict:
        return {"title": self.title, "ids": list(self.ids)}


def draft_choose(draft: Draft, page_ids: list[int], offered: set[int]) -> int:
    """Add the pages ticked, in the order shown, up to `MAX_LESSONS`; returns how
    many were added. Refused when the course is full."""
    new = [
        pk for pk in dict.fromkeys(page_ids) if pk in offered and pk not in draft.ids
    ]
    if not new:
        return 0
    room = MAX_LESSONS - len(draft.ids)
    if room <= 0:
        raise Refused(
            _("Your course already has %(count)d lessons, the most it can hold.")
            % {"count": MAX_LESSONS}
        )
    draft.ids.extend(new[:room])
    if len(new) > room:
        raise Refused(
            _(
                "Only %(added)d of the %(ticked)d lessons fitted: a course holds at "
                "most %(count)d."
            )
            % {"added": room, "ticked": len(new), "count": MAX_LESSONS}
        )
    return len(new)


def draft_move(draft: Draft, page_id: int, step: int) -> bool:
    """Move a lesson one place up (-1) or down (+1)."""
    if page_id not in draft.ids:
        return False
    index = draft.ids.index(page_id)
    target = index + step
    if not 0 <= target < len(draft.ids):
        return False
    draft.ids[index], draft.ids[target] = draft.ids[target], draft.ids[index]
    return True


def draft_remove(draft: Draft, page_id: int) -> bool:
    if page_id in draft.ids:
        draft.ids.remove(page_id)
        return True
    return False


def draft_rename(draft: Draft, title: str) -> None:
    draft.title = " ".join(title.split())[:TITLE_MAX]


def spec_build(draft: Draft, terms: OnDemandSettings) -> ComposedSpec:
    """Freeze a draft: the live revision of each lesson chosen, the final
    lesson's, the price now. Refused, with the reason, when the course has no
    name, no lessons, or a lesson that is no longer offered."""
    if not draft.title.strip():
        raise Refused(_("Please give your course a name."))
    if not draft.ids:
        raise Refused(_("Please choose at least one lesson."))
    if len(draft.ids) > MAX_LESSONS:
        raise Refused(
            _("A course holds at most %(count)d lessons.") % {"count": MAX_LESSONS}
        )
    state = selectors.composer_state(terms, draft.ids)
    if state.missing:
        draft.ids = [item.page_id for item in state.chosen]
        raise Refused(
            _(
                "%(count)d of your lessons are no longer offered and were taken "
                "out. Please check your course and try again."
            )
            % {"count": len(state.missing)}
        )
    revisions = selectors.live_revisions(draft.ids)
    if len(revisions) != len(draft.ids):
        raise Refused(_("A lesson changed a moment ago. Please try again."))
    summary = state.summary
    revision_ids = [revisions[pk] for pk in draft.ids]
    titles = [item.title for item in state.chosen]
    if summary.final and summary.final.revision_id:
        revision_ids.append(summary.final.revision_id)
        titles.append(summary.final.title)
    return ComposedSpec(
        code=new_code(),
        title=draft.title.strip(),
        revision_ids=revision_ids,
        lesson_titles=titles,
        price=str(summary.price),
        as_pdf=terms.offers_pdf,
        by_mail=terms.offers_email,
        interval_days=terms.mail_interval_days,
        final_title=summary.final.title if summary.final else "",
        tasks=summary.tasks,
        pages=summary.pages,
    )


def basket_add(basket, spec: ComposedSpec, terms: OnDemandSettings):
    """One basket line for the course, holding all of it (`shop.composed`)."""
    if terms.product is None or not terms.enabled:
        raise Refused(_("Courses on demand are not offered at the moment."))
    for line in basket.all_lines():
        held = composed_of(line)
        if held is not None and held.code == spec.code:
            raise Refused(_("This course is already in your basket."))
    line, _created = basket.add_product(
        terms.product,
        quantity=1,
        options=[{"option": composed_option(), "value": spec.as_value()}],
    )
    return line


# --- the editors' side ---------------------------------------------------------


def request_submit(
    *, name: str, email: str, wishes: str, topics, lessons_wanted, language: str
) -> CourseRequest:
    """Record a reader's request and confirm it to them by mail."""
    request = CourseRequest.objects.create(
        name=name,
        email=email,
        wishes=wishes,
        lessons_wanted=lessons_wanted,
        language=language,
    )
    request.topics.set(topics)
    mail_queue(request_receipt_mail, request_id=request.pk)
    return request


def course_for_request(request: CourseRequest, by) -> ComposedCourse:
    """The editor's draft for a request: the one not yet sent, else a new one."""
    course = request.courses.filter(sent_at=None).first()
    if course is None:
        course = ComposedCourse.objects.create(
            request=request,
            made_by=by if getattr(by, "is_authenticated", False) else None,
        )
    return course


def course_save_draft(course: ComposedCourse, draft: Draft) -> None:
    course.title = draft.title
    course.page_ids = draft.ids
    course.save(update_fields=["title", "page_ids"])


@transaction.atomic
def offer_send(course: ComposedCourse, terms: OnDemandSettings) -> ComposedCourse:
    """Freeze the editor's course and mail the reader the link that buys it."""
    spec = spec_build(Draft(course.title, list(course.page_ids)), terms)
    spec.code = course.code
    now = timezone.now()
    course.spec = spec.as_value()
    course.sent_at = now
    course.save(update_fields=["spec", "sent_at"])
    CourseRequest.objects.filter(pk=course.request_id).update(
        status=CourseRequest.Status.OFFERED, offered_at=now
    )
    mail_queue(offer_mail, course_id=course.pk)
    return course


def request_close(request: CourseRequest) -> None:
    CourseRequest.objects.filter(pk=request.pk).update(
        status=CourseRequest.Status.CLOSED
    )


def offer_url(course: ComposedCourse) -> str:
    return site_root_url() + reverse("ondemand:offer", args=[course.code])


@composer
def request_receipt_mail(*, request_id: int):
    request = CourseRequest.objects.filter(pk=request_id).first()
    if request is None:
        return None
    return message_build(
        template="ondemand/mail/request_receipt",
        to=request.email,
        kind=Kind.COURSE,
        language=request.language,
        context={"request": request, "topics": list(request.topics.all())},
    )


@composer
def offer_mail(*, course_id: int):
    course = (
        ComposedCourse.objects.select_related("request")
        .filter(pk=course_id, sent_at__isnull=False)
        .first()
    )
    if course is None or not course.spec:
        return None
    return message_build(
        template="ondemand/mail/offer",
        to=course.request.email,
        kind=Kind.COURSE,
        language=course.request.language,
        context={
            "course": course,
            "request": course.request,
            "spec": course.spec,
            "price": Decimal(course.spec["price"]),
            "url": offer_url(course),
        },
    )


def requests_purge(*, days: int = 365, now=None) -> int:
    """Requests older than a year go, with their courses (the privacy notice of
    the request form promises it)."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    count, _detail = CourseRequest.objects.filter(created_at__lt=cutoff).delete()
    return count
