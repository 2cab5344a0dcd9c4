"""The outbox's part in GDPR requests: mails still waiting for the address."""

from .models import OutboundMail
from .services import outbox_erase


def export_personal_data(email: str) -> dict | None:
    waiting = list(
        OutboundMail.objects.filter(recipients__icontains=email).values(
            "created_at", "subject", "status", "attempts"
        )
    )
    if not waiting:
        return None
    return {
        "mails_waiting": [
            {**row, "created_at": row["created_at"].isoformat()} for row in waiting
        ]
    }


def erase_personal_data(email: str) -> dict:
    return {"mails_waiting_deleted": outbox_erase(email=email)}
