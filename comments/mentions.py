"""Receiving mentions from other sites (Webmention and the older pingback) and
moderating them. A mention is accepted for checking at once and verified in the
background (`verification`); it shows only once verified and approved."""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from wagtail.models import Page, Site

from core.http import client_ip
from core.ratelimit import within_limit
from pagecache.services import page_cache_purge

from . import reports, selectors
from .models import Mention
from .tasks import mention_verify

MAX_URL = 500
# Each accepted mention makes the worker fetch a page a stranger named: limited per
# sending address, so the endpoint cannot be used to make this site fetch at will.
MENTIONS_PER_IP_HOUR = 30


@dataclass
class Refused(Exception):
    """Why a mention was not taken: `code` names it (Webmention answers 400 with
    the message; pingback turns it into its fault code)."""

    code: str
    message: str


def http_url(value: str, which: str):
    """The parts of an absolute http(s) address, or `Refused` saying what is wrong
    with it: control characters, a malformed host (`http://[/x`), a port outside
    1–65535, another scheme."""
    if any(ord(char) < 32 or ord(char) == 127 for char in value):
        raise Refused(f"{which}-invalid", f"{which} contains control characters")
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as error:
        raise Refused(f"{which}-invalid", f"{which} is not a valid URL") from error
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(f"{which}-invalid", f"{which} is not an http(s) URL")
    if port == 0:
        raise Refused(f"{which}-invalid", f"{which} names port 0")
    return parts


def target_page(target: str) -> Page:
    """Our live page the target address names, if it takes comments."""
    parts = http_url(target, "target")
    site = (
        Site.objects.filter(hostname__iexact=parts.hostname)
        .select_related("root_page")
        .first()
    )
    if site is None:
        raise Refused("target-foreign", "target is not on this site")
    path = unquote(parts.path or "/")
    if not path.endswith("/"):
        path += "/"
    url_path = site.root_page.url_path + path.lstrip("/")
    page = Page.objects.live().filter(url_path=url_path).specific().first()
    if page is None:
        raise Refused("target-missing", "target page does not exist")
    if not selectors.accepts_comments(page):
        raise Refused("target-closed", "target page does not take mentions")
    return page


@transaction.atomic
def mention_receive(
    *, source: str, target: str, kind: str, request: HttpRequest | None = None
) -> tuple[Mention, bool]:
    """Take a mention for verification. Returns it and whether it is new; a source
    sent again is verified again (its page may have changed or dropped the link)."""
    source, target = (source or "").strip(), (target or "").strip()
    if not source or not target:
        raise Refused("missing", "source and target are required")
    if len(source) > MAX_URL or len(target) > MAX_URL:
        raise Refused("too-long", "source or target is too long")
    http_url(source, "source")
    if source.split("#")[0] == target.split("#")[0]:
        raise Refused("same", "source and target are the same")
    page = target_page(target)
    if request is not None and not within_limit(
        f"mentions:ip:{client_ip(request)}", MENTIONS_PER_IP_HOUR
    ):
        raise Refused("rate-limit", "too many mentions from this address; try later")
    mention, created = Mention.objects.select_for_update().get_or_create(
        page=page,
        source=source,
        defaults={"kind": kind, "target": target},
    )
    if not created:
        mention.target = target
        if mention.status != Mention.Status.APPROVED:
            mention.status = Mention.Status.CHECKING
        mention.received_at = timezone.now()
    if request is not None:
        mention.ip_address = client_ip(request)
    mention.save()
    transaction.on_commit(lambda: mention_verify.enqueue(mention.pk))
    return mention, created


@transaction.atomic
def mentions_moderate(*, mentions: list[Mention], status: str) -> int:
    """Approve or reject verified mentions; what is shown changes, so the pages
    are purged. Mentions still being checked or that failed are left alone."""
    changed, pages = 0, {}
    for mention in mentions:
        if mention.status == status or mention.status in (
            Mention.Status.CHECKING,
            Mention.Status.FAILED,
        ):
            continue
        if Mention.Status.APPROVED in (mention.status, status):
            pages[mention.page_id] = mention.page
        mention.status = status
        mention.save(update_fields=["status"])
        reports.reports_decide(item=mention, removed=status == Mention.Status.REJECTED)
        changed += 1
    if pages:
        transaction.on_commit(lambda: page_cache_purge(pages=list(pages.values())))
    return changed
