"""How every mail of the site is made: from whom, with which links, in which words.

- `site_root_url()`: the scheme and host links in mails point to (the default
  site's); the one function that builds it (it lives beside the default-site
  lookup in `pagecache.routing`, which purges for a CDN need too).
- `sender(kind)`: the publisher's name from its settings, with the address of the
  kind of mail (newsletters have their own).
- `message_build(...)`: a message from the templates `<name>_subject.txt`,
  `<name>.txt` and, where it exists, `<name>.html`, rendered in the reader's
  language, with the site URL and the publisher in the context.
- `sender_domain()` and `list_headers()`: what bulk mails put in Message-ID and
  the List-* headers (RFC 2369, RFC 8058 one-click).
"""

from email.utils import formataddr, parseaddr
from enum import StrEnum

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

from core.text import subject_render
from pagecache.routing import site_root_url
from publisher.selectors import publisher_data, publisher_name

from .signature import MARK, signature_render

__all__ = [
    "Kind",
    "list_headers",
    "message_build",
    "sender",
    "sender_domain",
    "site_root_url",
    "subject_render",
]


class Kind(StrEnum):
    """What a mail is about; it decides the sender's address."""

    ORDER = "order"  # the shop's mails to buyers, download links
    ACCOUNT = "account"  # registration, activation, login warnings
    COURSE = "course"  # the e-mail course and its welcome
    COMMENTS = "comments"  # reply and author notices
    STAFF = "staff"  # mails to editors (licence reminders)
    NEWSLETTER = "newsletter"  # confirmations and issues


def sender(kind: Kind, *, name: str = "", address: str = "") -> str:
    """`Name <address>` for a mail of `kind`. The name is the publisher's (Settings
    → Publisher); the address is `DEFAULT_FROM_EMAIL`'s, or for newsletters
    `NEWSLETTER_FROM_EMAIL`, and where those are not set the publisher's own
    address from the same settings. A newsletter with its own sender passes `name`
    and `address`."""
    if not address:
        source = (
            settings.NEWSLETTER_FROM_EMAIL
            if kind == Kind.NEWSLETTER
            else settings.DEFAULT_FROM_EMAIL
        )
        address = (
            parseaddr(source)[1]
            or publisher_data().get("email")
            or f"webmaster@{settings.SITE_DOMAIN.split(':')[0] or 'localhost'}"
        )
    return formataddr((name or publisher_name(), address))


def sender_domain(address: str) -> str:
    """The domain of a sender, for Message-ID and List-Id."""
    return parseaddr(address)[1].rsplit("@", 1)[-1] or "localhost"


def list_headers(*, unsubscribe_url: str, list_id: str, mailto: str = "") -> dict:
    """The headers of a mail to a list: one-click unsubscribe (RFC 8058) over the
    https link, and a mailto where the site reads one."""
    unsubscribe = f"<{unsubscribe_url}>"
    if mailto:
        unsubscribe += f", <mailto:{mailto}>"
    return {
        "List-Unsubscribe": unsubscribe,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": list_id,
    }


def message_build(
    *,
    template: str,
    to: str | list[str],
    kind: Kind,
    context: dict,
    language: str = "",
    from_email: str = "",
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """The mail from `<template>_subject.txt`, `<template>.txt` and (if present)
    `<template>.html`, rendered in `language` (the site's default if empty).
    Every template gets `site_url` and `publisher` beside the caller's context."""
    context = {
        "site_url": site_root_url(),
        "publisher": publisher_data(),
        "publisher_name": publisher_name(),
        **context,
    }
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = subject_render(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
        if MARK not in text:
            text = text.rstrip("\n") + "\n\n" + signature_render("txt") + "\n"
        html = _html(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        from_email or sender(kind),
        [to] if isinstance(to, str) else list(to),
        headers=headers or {},
    )
    if html is not None:
        message.attach_alternative(html, "text/html")
    return message


def _html(template: str, context: dict) -> str | None:
    try:
        return get_template(template).render(context)
    except TemplateDoesNotExist:
        return None
