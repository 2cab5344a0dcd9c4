"""What the newsletter tests share: signing up from a page as a browser does, and
reading the links out of the mails that arrive in the SMTP sink."""

import re
from urllib.parse import urlsplit

from django.test import Client
from newsletter.models import Newsletter, Subscription

from tests.mailsink import body

ARTICLE_URL = "/journal/gut-gestartet/der-erste-tag/"
HOST = "testserver"


def form_fields(html: str, action: str = "/newsletter/subscribe/") -> dict:
    """The hidden fields of the first sign-up form posting to `action`."""
    start = html.index(f'action="{action}"')
    form = html[start : html.index("</form>", start)]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def signup(client: Client, email: str, *, page: str = ARTICLE_URL, **extra):
    """Post the footer form of `page` the way a browser without JavaScript does:
    its hidden fields, the typed address, and the Origin header."""
    html = Client().get(page).content.decode()
    data = {**form_fields(html), "email": email, **extra}
    return client.post(
        "/newsletter/subscribe/", data, HTTP_ORIGIN=f"http://{HOST}", HTTP_REFERER=page
    )


def links(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", body(message, "plain"))


def path_of(url: str) -> str:
    return urlsplit(url).path


def confirm_link(message) -> str:
    return next(path_of(u) for u in links(message) if "/newsletter/confirm/" in u)


def state(email: str, slug: str) -> str:
    row = Subscription.objects.filter(email_field=email, newsletter__slug=slug).first()
    if row is None:
        return "none"
    return "confirmed" if row.subscribed else "ended" if row.unsubscribed else "pending"


def newsletter(slug: str) -> Newsletter:
    return Newsletter.objects.get(slug=slug)
