"""The courses app's part in GDPR requests (found by `privacy.registry`).

Exported: each enrolment of the address (course, dates, state of the e-mail
course), the lessons mailed and the lessons read. Erased: the address and account
on the enrolment, the reading progress; the e-mail course stops. Kept: that the
order line bought a course, with its dates and the count of mails, which belong
to the order's records (§ 147 AO)."""

from django.db.models import Q
from django.utils import timezone

from .models import Enrolment, LessonRead

KEPT_REASON = (
    "the enrolment belongs to its order line, kept with the order's records "
    "(ten years by § 147 AO)"
)


def _enrolments(email: str):
    return Enrolment.objects.filter(
        Q(email__iexact=email) | Q(user__email__iexact=email), erased_at=None
    )


def export_personal_data(email: str) -> dict | None:
    enrolments = list(_enrolments(email).prefetch_related("mails", "reads"))
    if not enrolments:
        return None
    return {
        "course_enrolments": [
            {
                "course": enrolment.course_title,
                "order_line": enrolment.line_id,
                "email": enrolment.email,
                "enrolled_at": enrolment.created_at.isoformat(),
                "status": enrolment.status,
                "ended_at": enrolment.ended_at.isoformat()
                if enrolment.ended_at
                else None,
                "email_course": enrolment.mail_state,
                "interval_days": enrolment.interval_days,
                "lessons_mailed": [
                    {
                        "lesson": mail.lesson_title,
                        "state": mail.state,
                        "sent_at": mail.sent_at.isoformat() if mail.sent_at else None,
                    }
                    for mail in enrolment.mails.all()
                ],
                "lessons_read": [
                    read.read_at.isoformat() for read in enrolment.reads.all()
                ],
            }
            for enrolment in enrolments
        ]
    }


def erase_personal_data(email: str) -> dict:
    ids = list(_enrolments(email).values_list("pk", flat=True))
    if not ids:
        return {"erased": [], "kept": []}
    LessonRead.objects.filter(enrolment_id__in=ids).delete()
    Enrolment.objects.filter(pk__in=ids).update(
        email="",
        user=None,
        erased_at=timezone.now(),
        mail_state=Enrolment.Mail.UNSUBSCRIBED,
        next_lesson_at=None,
    )
    return {
        "erased": [
            f"the address, account and reading progress of {len(ids)} course "
            "enrolment(s); the e-mail course stopped"
        ],
        "kept": [
            {
                "what": f"{len(ids)} course enrolment(s) (course, dates)",
                "why": KEPT_REASON,
            }
        ],
    }
