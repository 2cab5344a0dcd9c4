"""Courses on demand in GDPR requests (found by `privacy.registry`).

Exported: each course request of the address and the courses composed for it.
Erased: the requests and their courses (nothing of them belongs to an order: a
course bought through its link is held by the order line). Requests are also
deleted by themselves a year after they arrived (`services.requests_purge`)."""

from .models import CourseRequest


def export_personal_data(email: str) -> dict | None:
    requests = list(
        CourseRequest.objects.filter(email__iexact=email).prefetch_related(
            "topics", "courses"
        )
    )
    if not requests:
        return None
    return {
        "course_requests": [
            {
                "name": r.name,
                "email": r.email,
                "received_at": r.created_at.isoformat(),
                "topics": [t.name for t in r.topics.all()],
                "lessons_wanted": r.lessons_wanted,
                "wishes": r.wishes,
                "status": r.status,
                "courses_sent": [
                    {"title": c.title, "sent_at": c.sent_at.isoformat()}
                    for c in r.courses.all()
                    if c.sent_at
                ],
            }
            for r in requests
        ]
    }


def erase_personal_data(email: str) -> dict:
    count, _detail = CourseRequest.objects.filter(email__iexact=email).delete()
    return {
        "erased": [f"{count} course request(s) and the courses composed for them"]
        if count
        else [],
        "kept": [],
    }
