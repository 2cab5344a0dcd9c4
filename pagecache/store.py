"""The anonymous page cache: whole Wagtail pages for readers without a session.

Why our own and not `cache_page`: purging needs to find an entry by the page's URL,
which Django's keys (hashed with request headers) don't allow, and wagtail-cache does
not support Wagtail 8. Entries are keyed by path, hold every allowed query-string
variant of that path, and carry no per-user data: a response is stored only if the
request came without session or basket cookies, set no cookie and used no CSRF token.
Each entry keeps a copy per UI language and allowed query string.

A hit is answered before the session, auth and basket middleware run, so it costs no
SQL, and no cache read while this process keeps a current copy of the entry (`_near`,
dropped everywhere within `GENERATION_REFRESH` of a purge). Shared tokens version
what pages are built from: the page-cache generation (`purge_all` empties every entry
at once), the fragments (article bodies, publisher data), the structure (page tree,
sites, restrictions: routing and navigation, `pagecache.memo`) and the entries (any
purge of single paths). Each process copies them for `GENERATION_REFRESH` seconds
in one read; a page is stored only if its copies were still current.
"""

import hashlib
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

from core.i18n import ui_language

PREFIX = "pagecache"
GENERATION_KEY = f"{PREFIX}:generation"
GENERATION_REFRESH = 0.5  # seconds; purges take effect everywhere within this
MAX_VARIANTS = 40  # (language, query string) variants kept per path
ALLOWED_QUERY = re.compile(r"^(page=\d{1,4})?$")
# A hit answers with the headers the miss had (security headers set by middleware
# below this one, Content-Language, Vary), less what belongs to one response only.
UNSTORED_HEADERS = {"set-cookie", "date", "content-length", "x-page-cache"}

FRAGMENTS_KEY = f"{PREFIX}:fragments"
STRUCTURE_KEY = f"{PREFIX}:structure"
# Bumped by every purge of single paths: what a process keeps of the entries it read
# (`_near`) is good while this token is unchanged.
ENTRIES_KEY = f"{PREFIX}:entries"
TOKEN_KEYS = (GENERATION_KEY, FRAGMENTS_KEY, STRUCTURE_KEY, ENTRIES_KEY)
NEAR_MAX_ENTRIES = 200  # paths whose entries each process keeps (LRU)

# This process's copies of the shared tokens, all read in one round trip.
_tokens: dict = {"values": {}, "fetched": 0.0}
# This process's copies of entries it read: key -> (entries token, entry). A hit on
# one costs no round trip to the cache; a purge anywhere is seen here within
# GENERATION_REFRESH, as every other change is.
_near: OrderedDict = OrderedDict()


def enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _read_tokens() -> dict[str, int]:
    values = cache.get_many(TOKEN_KEYS)
    for key in TOKEN_KEYS:
        if values.get(key) is None:
            cache.add(key, time.time_ns(), None)
            # None when the cache cannot be reached: a token of this moment, which
            # names nothing stored, so every page is rendered afresh and (since
            # `tokens_current` then fails) nothing is stored until it is back.
            values[key] = cache.get(key) or time.time_ns()
    return values


def _shared_token(key: str) -> int:
    """A generation token shared through the cache and copied into this process for
    `GENERATION_REFRESH` seconds. Tokens are unique (nanosecond clock), never
    counters, so a token lost to eviction or a flush can't come back and revive
    entries stored under it."""
    now = time.monotonic()
    if now - _tokens["fetched"] > GENERATION_REFRESH:
        _tokens["values"] = _read_tokens()
        _tokens["fetched"] = now
    return int(_tokens["values"][key])


def _new_token(key: str) -> None:
    cache.set(key, time.time_ns(), None)
    _tokens["fetched"] = 0.0


def tokens_current() -> bool:
    """Whether this process's copies of the tokens still match the shared ones.

    Another process may have changed a page, a product or the navigation in the
    last `GENERATION_REFRESH` seconds; a page rendered here from the old copies must
    not be stored, or the purge that went with the change would be undone."""
    fresh = cache.get_many(TOKEN_KEYS)
    if all(fresh.get(key) == _tokens["values"].get(key) for key in TOKEN_KEYS):
        return True
    forget_local_tokens()
    return False


def _current_generation() -> int:
    return _shared_token(GENERATION_KEY)


#: What a cached page or fragment was rendered with besides the data: the
#: templates, the stylesheets and scripts it links, the translations.
RELEASE_DIRS = ("templates", "static", "locale")
_release: dict = {}


def release() -> str:
    """A digest of the files in `RELEASE_DIRS`, part of every page-cache and
    fragment key: a deploy that changes a template or a stylesheet is never
    answered with pages rendered by the old one (which may also link files the
    new release no longer has). Content, not dates, so every machine of one
    release computes the same digest. Computed once per process."""
    if "digest" not in _release:
        digest = hashlib.sha256()
        base = Path(settings.BASE_DIR)
        for folder in RELEASE_DIRS:
            for path in sorted((base / folder).rglob("*")):
                if path.is_file():
                    digest.update(str(path.relative_to(base)).encode())
                    digest.update(path.read_bytes())
        _release["digest"] = digest.hexdigest()[:12]
    return _release["digest"]


SAFE_KEY_PATH = re.compile(r"^[\x21-\x7e]{1,200}$")


def key_for(path: str, generation: int | None = None) -> str:
    """The entry's key: the path itself where it is short plain ASCII (readable in
    Redis), else its hash, so a stranger's path of 3,000 odd characters makes no
    key that a cache backend warns about or refuses."""
    generation = _current_generation() if generation is None else generation
    if not SAFE_KEY_PATH.match(path):
        path = (
            "sha256-"
            + hashlib.sha256(path.encode("utf-8", "surrogatepass")).hexdigest()
        )
    return f"{PREFIX}:{release()}:{generation}:{path}"


def request_is_cacheable(request: HttpRequest) -> bool:
    """Anonymous, cookie-free GET of a path whose query string we allow."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies:
        return False
    if any(name in cookies for name in settings.PAGE_CACHE_BYPASS_COOKIES):
        return False
    return bool(ALLOWED_QUERY.match(request.META.get("QUERY_STRING", "")))


def variant(request: HttpRequest) -> str:
    """Which stored copy of a path this request gets: the UI language (the
    reader's choice in the language cookie, else the site's) and the query."""
    language = ui_language(request)
    return f"{language}|{request.META.get('QUERY_STRING', '')}"


def page_cache_allow(request: HttpRequest) -> None:
    """Let the page cache keep this request's response: the view serves a page
    that anyone may see (a public Wagtail page, the catalogue). The one way to
    say so; `response_store` still refuses anything personal in the response."""
    request.page_cache_allowed = True


def _allowed(request: HttpRequest) -> bool:
    return getattr(request, "page_cache_allowed", False)


def _entry(key: str, wanted: str) -> dict | None:
    """The entry under `key`, from this process's copy while the entries token is
    unchanged and the copy holds the variant wanted, else from the cache."""
    token = _shared_token(ENTRIES_KEY)
    near = _near.get(key)
    if near is not None and near[0] == token and wanted in near[1]:
        _near.move_to_end(key)
        return near[1]
    entry = cache.get(key)
    if entry:
        _near[key] = (token, entry)
        _near.move_to_end(key)
        while len(_near) > NEAR_MAX_ENTRIES:
            _near.popitem(last=False)
    else:
        _near.pop(key, None)
    return entry


def response_lookup(request: HttpRequest) -> HttpResponse | None:
    wanted = variant(request)
    entry = _entry(key_for(request.path), wanted)
    if not entry:
        return None
    stored = entry.get(wanted)
    if stored is None:
        return None
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def response_store(request: HttpRequest, response: HttpResponse) -> bool:
    """Keep the response if it is a public Wagtail page and nothing in it is
    personal. Returns whether it was stored."""
    if (
        response.status_code != 200
        or response.streaming
        or not _allowed(request)
        or response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or "no-store" in response.get("Cache-Control", "")
        or "private" in response.get("Cache-Control", "")
        or not tokens_current()
    ):
        return False
    key = key_for(request.path)
    entry = cache.get(key) or {}
    query = variant(request)
    if query not in entry and len(entry) >= MAX_VARIANTS:
        return False
    # The language comes from a cookie: a shared cache in front must keep apart
    # what this cache keeps apart.
    patch_vary_headers(response, ("Cookie",))
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in UNSTORED_HEADERS
    ]
    entry[query] = (response.status_code, response.content, headers)
    cache.set(key, entry, settings.PAGE_CACHE_SECONDS)
    response["X-Page-Cache"] = "miss"
    return True


def purge_paths(paths: Iterable[str]) -> list[str]:
    """Forget the entries of these paths (all their query-string variants)."""
    paths = sorted(set(paths))
    # Read the shared token afresh: this process's copy may be a moment old.
    generation = cache.get(GENERATION_KEY) or _current_generation()
    cache.delete_many([key_for(path, generation) for path in paths])
    # Every process drops its copies of entries (this one at once).
    _new_token(ENTRIES_KEY)
    _near.clear()
    return paths


def _page_fragments_key(page_id: int) -> str:
    return f"{PREFIX}:page:{page_id}"


def page_fragment(
    page_id: int, variant: str, build: Callable[[], Any], timeout: int
) -> Any:
    """A part of one page kept beside its cache entries (its discussion), one
    round trip to read: all variants of the page sit under one key, which a purge
    of the page forgets (`page_fragments_forget`). Cached under the fragment
    generation too, so a snippet or a release makes it anew."""
    key = _page_fragments_key(page_id)
    generation = fragments_generation()
    entry = cache.get(key) or {}
    if entry.get("generation") != generation:
        entry = {"generation": generation, "variants": {}}
    variants = entry["variants"]
    if variant in variants:
        return variants[variant]
    value = build()
    if len(variants) < MAX_VARIANTS:
        variants[variant] = value
        cache.set(key, entry, timeout)
    return value


def page_fragments_forget(page_ids: Iterable[int]) -> None:
    cache.delete_many([_page_fragments_key(page_id) for page_id in page_ids])


def fragments_generation() -> str:
    """Part of every fragment-cache key (article bodies, site chrome): bumped when a
    snippet, image, product or setting shown inside fragments changes, and new
    with every release (`release`)."""
    return f"{release()}-{_shared_token(FRAGMENTS_KEY)}"


def fragments_expire() -> None:
    _new_token(FRAGMENTS_KEY)


def structure_generation() -> int:
    """The version of the page tree and sites: what routing, the navigation and
    the view restrictions are built from (`pagecache.memo`). Bumped by every publish,
    unpublish, move or delete and by changes to sites and restrictions."""
    return _shared_token(STRUCTURE_KEY)


def structure_expire() -> None:
    _new_token(STRUCTURE_KEY)


def forget_local_tokens() -> None:
    """Read the tokens from the cache on next use (after the cache was flushed),
    and forget this process's copies of entries."""
    _tokens["fetched"] = 0.0
    _near.clear()


def purge_all() -> None:
    """Forget every entry, for changes shown on every page (publisher settings)."""
    _new_token(GENERATION_KEY)
    fragments_expire()
