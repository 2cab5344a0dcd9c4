"""The outbox's part in GDPR requests: mails still waiting for the address."""

from .selectors import mails_waiting_for
from .services import outbox_erase


def export_personal_data(email: str) -> dict | None:
    waiting = mails_waiting_for(email)
    if not waiting:
        return None
    return {
        "mails_waiting": [
            {
                "created_at": mail.created_at.isoformat(),
                "subject": mail.subject,
                "status": mail.status,
                "attempts": mail.attempts,
            }
            for mail in waiting
        ]
    }


def erase_personal_data(email: str) -> dict:
    return {"mails_waiting_deleted": outbox_erase(email=email)}
