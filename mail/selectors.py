"""Reads of the outbox."""

from .models import OutboundMail


def mails_waiting_for(email: str) -> list[OutboundMail]:
    """The mails still in the outbox for exactly this address (not for an address
    that merely contains it: "a@b.de" is not "ba@b.de")."""
    wanted = email.strip().lower()
    return [
        mail
        for mail in OutboundMail.objects.filter(recipients__icontains=wanted)
        if wanted in (part.strip().lower() for part in mail.recipients.split(","))
    ]
