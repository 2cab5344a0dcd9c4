"""Verifying a mention in the background: the source must exist and link to our
page. Title, author and excerpt come from the source's microformats (h-entry with
an h-card author, read with mf2py), else from its <title>."""

from datetime import UTC, datetime, timedelta
from urllib.parse import urljoin, urlsplit

import mf2py
from bs4 import BeautifulSoup
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from core.text import bidi_strip
from pagecache.services import page_cache_purge

from . import fetch
from .models import Mention

EXCERPT_CHARS = 280
# The web is younger than this: an earlier "published" date is a mistake.
EARLIEST_PUBLISHED = datetime(1990, 1, 1, tzinfo=UTC)


def same_url(a: str, b: str) -> bool:
    """Equal as addresses: scheme and host in any case, no fragment, and a missing
    trailing slash on the path forgiven."""
    first, second = urlsplit(a), urlsplit(b)
    return (
        first.scheme.lower() == second.scheme.lower()
        and (first.hostname or "") == (second.hostname or "")
        and (first.port or None) == (second.port or None)
        and first.path.rstrip("/") == second.path.rstrip("/")
        and first.query == second.query
    )


def links_to(html: str, base: str, target: str) -> bool:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["a", "link", "img", "video", "audio", "source"]):
        for attribute in ("href", "src"):
            value = tag.get(attribute)
            if value and same_url(urljoin(base, value.strip()), target):
                return True
    return False


def mention_verify(mention_id: int) -> str:
    """Fetch the source and record what was found. Returns the new status."""
    mention = Mention.objects.select_related("page").filter(pk=mention_id).first()
    if mention is None:
        return "gone"
    was_shown = mention.status == Mention.Status.APPROVED
    try:
        fetched = fetch.fetch(mention.source)
    except fetch.Refused as error:
        return _failed(mention, str(error), was_shown)
    if fetched.status == 410 or (fetched.status == 404 and was_shown):
        return _failed(mention, "the source is gone", was_shown)
    if fetched.status != 200:
        return _failed(mention, f"the source answered {fetched.status}", was_shown)
    if "html" not in fetched.content_type and "xml" not in fetched.content_type:
        return _failed(mention, "the source is not an HTML page", was_shown)
    html = fetched.body.decode("utf-8", errors="replace")
    if not links_to(html, fetched.url, mention.target):
        return _failed(mention, "the source does not link to the page", was_shown)
    details = source_details(html, fetched.url)
    for field, value in details.items():
        setattr(mention, field, value)
    mention.verified_at = timezone.now()
    mention.failure = ""
    # An approved mention that was sent again stays approved with its new details.
    mention.status = Mention.Status.APPROVED if was_shown else Mention.Status.PENDING
    mention.save()
    if was_shown:
        page = mention.page
        transaction.on_commit(lambda: page_cache_purge(pages=[page]))
    return mention.status


def _failed(mention: Mention, reason: str, was_shown: bool) -> str:
    mention.status = Mention.Status.FAILED
    mention.failure = reason[:255]
    mention.verified_at = timezone.now()
    mention.save(update_fields=["status", "failure", "verified_at"])
    if was_shown:  # a shown mention whose source no longer links: taken off
        page = mention.page
        transaction.on_commit(lambda: page_cache_purge(pages=[page]))
    return mention.status


def source_details(html: str, url: str) -> dict:
    parsed = mf2py.parse(doc=html, url=url)
    entry = _first_entry(parsed.get("items", []))
    title = author_name = author_url = excerpt = ""
    published = None
    if entry:
        props = entry.get("properties", {})
        content = _first(props.get("content"))
        content_text = content.get("value", "") if isinstance(content, dict) else ""
        name = _text(_first(props.get("name")))
        if name and " ".join(name.split()) != " ".join(content_text.split()):
            title = name
        excerpt = _text(_first(props.get("summary"))) or content_text
        author = _first(props.get("author"))
        if isinstance(author, dict):
            author_props = author.get("properties", {})
            author_name = _text(_first(author_props.get("name"))) or author.get(
                "value", ""
            )
            author_url = _text(_first(author_props.get("url")))
        elif author:
            author_name = _text(author)
        published = _date(_text(_first(props.get("published"))))
    if not title:
        soup = BeautifulSoup(html, "html.parser")
        title = soup.title.get_text(" ", strip=True) if soup.title else ""
    excerpt = " ".join(excerpt.split())
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"
    return {
        "title": bidi_strip(" ".join(title.split()))[:255],
        "author_name": bidi_strip(author_name)[:150],
        "author_url": author_url[:500]
        if author_url.startswith(("http://", "https://"))
        else "",
        "excerpt": excerpt,
        "published": published,
    }


def _first_entry(items: list) -> dict | None:
    for item in items:
        if "h-entry" in item.get("type", []):
            return item
        found = _first_entry(item.get("children", []))
        if found:
            return found
    return None


def _first(values):
    return values[0] if values else None


def _text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("value", ""))
    return str(value or "")


def _date(value: str):
    """A published date as microformats give it (a full timestamp or a day);
    None for anything unreadable."""
    try:
        moment = parse_datetime(value) if value else None
        if moment is None and len(value or "") >= 10:
            day = parse_date(value[:10])
            moment = datetime(day.year, day.month, day.day) if day else None
    except (ValueError, TypeError):
        return None
    if moment is None:
        return None
    try:
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        utc = moment.astimezone(UTC)
    except (ValueError, OverflowError):  # e.g. 9999-12-31T23:59:59-23:59
        return None
    # A date from outside is kept only if it is plausible: a year-0 or year-10000
    # timestamp cannot be read back from PostgreSQL, and one stored row must never
    # take the page that shows it down.
    if not (EARLIEST_PUBLISHED <= utc <= timezone.now() + timedelta(days=2)):
        return None
    return utc
