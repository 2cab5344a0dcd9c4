"""An e-mail as JSON and back: what the outbox stores of a Django `EmailMessage`
so the worker can send exactly that message later (text, HTML part, headers,
attachments)."""

import base64
from email import message_from_string

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import MIMEBase


def message_dump(message: EmailMessage) -> dict:
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            # A ready MIME part: kept as its bytes, attached as it was.
            attachments.append({"mime": attachment.as_string()})
            continue
        filename, content, mimetype = attachment
        if isinstance(content, str):
            attachments.append(
                {"filename": filename, "text": content, "mimetype": mimetype}
            )
        else:
            attachments.append(
                {
                    "filename": filename,
                    "base64": base64.b64encode(content).decode("ascii"),
                    "mimetype": mimetype,
                }
            )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(a) for a in message.to],
        "cc": [str(a) for a in message.cc],
        "bcc": [str(a) for a in message.bcc],
        "reply_to": [str(a) for a in message.reply_to],
        "headers": {str(k): str(v) for k, v in message.extra_headers.items()},
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def message_load(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        if "mime" in attachment:
            message.attach(message_from_string(attachment["mime"]))
        elif "text" in attachment:
            message.attach(
                attachment["filename"], attachment["text"], attachment["mimetype"]
            )
        else:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["base64"]),
                attachment["mimetype"],
            )
    return message
