"""The site's e-mail backend (`EMAIL_BACKEND`): it puts every message into the
outbox instead of talking to the mail server, so a request never waits on SMTP and
a mail server that is down costs no 500 and no mail. The worker hands the messages
to the real transport (`MAIL_TRANSPORT_BACKEND`) with retries (`mail.services`).

A message from a bare address (Django's and Oscar's own mails, the login warning
of `accounts`, which sit below this app) is given the publisher's name as sender
(`compose.sender`), so every mail of the site comes from the same name; and one
without the publisher's imprint at its foot gets it (`signature`)."""

from email.utils import parseaddr

from django.core.mail.backends.base import BaseEmailBackend

from . import services
from .compose import Kind, sender
from .signature import signature_append
from .tasks import mail_deliver


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        if not email_messages:
            return 0
        for message in email_messages:
            name, address = parseaddr(str(message.from_email))
            if not name:
                message.from_email = sender(Kind.ACCOUNT, address=address)
            signature_append(message)
        for pk in services.outbox_accept(messages=list(email_messages)):
            mail_deliver.enqueue(pk)
        return len(email_messages)
