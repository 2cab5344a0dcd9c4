"""An issue rendered once per sending: subject, HTML and plain text with
placeholders for each reader's own links, filled in per mail by string replacement
(`sending.py`), so ten thousand mails cost one template render."""

import re
from html import unescape

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from wagtail import hooks
from wagtail.models import Page

from core import hooks as names
from mail.compose import site_root_url

PREFERENCES = "%%PREFERENCES_URL%%"
UNSUBSCRIBE = "%%UNSUBSCRIBE_URL%%"

#: The shop registers a function ids -> {id: card} (title, url, price, currency).


def issue_context(issue, *, preview: bool = False) -> dict:
    """The blocks of an issue, with articles and products loaded in one query each."""
    page_ids = [b.value["page"].pk for b in issue.body if b.block_type == "article"]
    product_ids = [
        getattr(b.value["product"], "pk", b.value["product"])
        for b in issue.body
        if b.block_type == "product" and b.value["product"]
    ]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    products = {}
    for lookup in hooks.get_hooks(names.NEWSLETTER_PRODUCT_TEASERS):
        products.update(lookup(product_ids))
    root = site_root_url()
    items = []
    for block in issue.body:
        if block.block_type == "article":
            page = pages.get(block.value["page"].pk)
            if page is None or not page.live:
                continue
            teaser = (
                block.value["teaser"]
                or getattr(page, "lead", "")
                or (page.search_description)
            )
            items.append(
                {
                    "kind": "article",
                    "title": page.title,
                    "url": root + page.url,
                    "text": teaser,
                }
            )
        elif block.block_type == "product":
            card = products.get(getattr(block.value["product"], "pk", None))
            if card is None:
                continue
            items.append(
                {
                    "kind": "product",
                    **card,
                    "url": root + card["url"],
                    "text": block.value["text"],
                }
            )
        elif block.block_type == "text":
            items.append(
                {"kind": "text", "value": block.value, "plain": _plain(block.value)}
            )
        else:
            items.append({"kind": block.block_type, "value": block.value})
    return {
        "issue": issue,
        "newsletter": issue.newsletter,
        "publisher_name": issue.newsletter.sender,
        "items": items,
        "site_url": root,
        "preferences_url": PREFERENCES if not preview else "#",
        "unsubscribe_url": UNSUBSCRIBE if not preview else "#",
    }


def issue_render(issue, *, language: str = "de") -> tuple[str, str, str]:
    """(subject, html, text) of an issue with the link placeholders."""
    with translation.override(language):
        context = issue_context(issue)
        html = render_to_string("newsletters/mail/issue.html", context)
        text = render_to_string("newsletters/mail/issue.txt", context)
    return issue.subject, html, text


def _plain(value) -> str:
    """Rich text as the plain-text part shows it: paragraphs and list items on
    lines of their own, links with their address."""
    html = str(getattr(value, "source", value))
    html = re.sub(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', r"\2 (\1)", html)
    html = re.sub(r"</p>|<br\s*/?>", "\n\n", html)
    html = re.sub(r"<li[^>]*>", "- ", html)
    html = re.sub(r"</li>", "\n", html)
    text = unescape(strip_tags(html))
    return re.sub(r"\n{3,}", "\n\n", text).strip()
