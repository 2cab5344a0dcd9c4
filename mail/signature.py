"""The publisher's imprint at the foot of every mail (§ 35a GmbHG, § 5 DDG: a
business mail names the company, its seat, register and managing director).

Mails made by `mail.compose.message_build` and every other mail that passes the
outbox get it appended to their text part (`signature_append`); the HTML layouts
and the bulk mails (newsletter issues, course lessons) include it through the
`{% mail_signature %}` tag."""

from django.template.loader import render_to_string

from pagecache.routing import site_root_url
from publisher.selectors import seller_data

MARK = "\n-- \n"  # the signature separator mail programs recognise (RFC 3676)


def signature_render(kind: str = "txt") -> str:
    """The signature in the active language, as text ("txt") or HTML ("html")."""
    return render_to_string(
        f"mail/signature.{kind}", {"seller": seller_data(), "site_url": site_root_url()}
    ).strip("\n")


def signature_append(message) -> None:
    """Append the signature to `message`'s text part unless it carries one."""
    body = message.body or ""
    if MARK in body or body.startswith(MARK.lstrip("\n")):
        return
    message.body = body.rstrip("\n") + "\n\n" + signature_render("txt") + "\n"
