"""What search engines and social networks read in a page's head: canonical URL,
description, OpenGraph/Twitter cards and schema.org JSON-LD.

Only the primitives live here; each app builds its own structured data from them
(`blog.seo` for articles, `shop.seo` for products). Built from data the page has
already loaded, so they add no query of their own beyond the share image's rendition.
"""

import html
import json
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from wagtail.models import Site

from .sanitize import clean_html


def root_url(request: HttpRequest | None) -> str:
    """Scheme and host for absolute links in a page's head: the request's Wagtail
    site (found once per request, kept by Wagtail), else the request's host."""
    site = Site.find_for_request(request) if request is not None else None
    if site is not None:
        return site.root_url
    return (
        f"https://{settings.SITE_DOMAIN}"
        if request is None
        else (request.build_absolute_uri("/").rstrip("/"))
    )


def absolute(url: str | None, root: str) -> str | None:
    if not url:
        return None
    return url if "://" in url else f"{root}{url}"


def jsonld(items: Iterable[dict]) -> SafeString:
    """JSON-LD for a <script> element: `<`, `>` and `&` are escaped so text from
    the page can never close the element."""
    data = [item for item in items if item]
    if not data:
        return mark_safe("")
    if len(data) == 1:
        payload = {"@context": "https://schema.org", **data[0]}
    else:
        payload = {"@context": "https://schema.org", "@graph": data}
    text = json.dumps(payload, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 (escaped just above)


def organization(publisher: dict, root: str) -> dict:
    data = {"@type": "Organization", "name": publisher.get("name", ""), "url": root}
    logo = publisher.get("logo")
    if logo:
        data["logo"] = {
            "@type": "ImageObject",
            "url": absolute(logo["url"], root),
            "width": logo["width"],
            "height": logo["height"],
        }
    return data


def breadcrumb_list(crumbs: list[tuple[str, str]], root: str) -> dict | None:
    if not crumbs:
        return None
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute(url, root),
            }
            for position, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def share_image(image, root: str, spec: str) -> dict | None:
    """The share card of an image in the rendition size `spec` (the caller names it
    from `images.renditions.SPECS`)."""
    if image is None:
        return None
    rendition = image.get_rendition(spec)
    return {
        "url": absolute(rendition.url, root),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or "",
    }


def description_of(*candidates: str | None) -> str:
    """The first non-empty candidate as plain text, at most 200 characters. HTML is
    cleaned before its tags are dropped, so a script's code never becomes text."""
    for text in candidates:
        if text:
            plain = strip_tags(clean_html(text))
            return Truncator(" ".join(html.unescape(plain).split())).chars(200)
    return ""


def unique_feeds(
    feeds: Iterable[tuple[str, str, str]], root: str
) -> list[tuple[str, str, str]]:
    """(title, absolute url, type) of each feed once: a page may be offered the same
    feed twice (the magazine's own feed is also the site-wide one)."""
    seen, unique = set(), []
    for title, url, kind in feeds:
        full = absolute(url, root)
        if full not in seen:
            seen.add(full)
            unique.append((title, full, kind))
    return unique


def page_seo(
    request: HttpRequest | None,
    *,
    title: str,
    description: str = "",
    path: str | None = None,
    image=None,
    image_spec: str = "",
    og_type: str = "website",
    structured: Iterable[dict | None] = (),
    feeds: Iterable[tuple[str, str, str]] = (),
) -> dict:
    """The head data of one page; `includes/seo.html` renders it."""
    root = root_url(request)
    if path is None:
        path = request.path if request else "/"
        number = request.GET.get("page", "") if request else ""
        if number.isdigit() and int(number) > 1:
            path = f"{path}?page={int(number)}"
    canonical = absolute(path, root)
    return {
        "title": title,
        "description": description,
        "canonical": canonical,
        "og_type": og_type,
        "image": share_image(image, root, image_spec) if image_spec else None,
        "jsonld": jsonld(structured),
        "feeds": unique_feeds(feeds, root),
    }
