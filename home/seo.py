"""What search engines and social networks read in a page's head: canonical URL,
description, OpenGraph/Twitter cards and schema.org JSON-LD.

Built from data the page has already loaded (the route's ancestors, the article's
extras, the cached publisher info), so it adds no query of its own beyond the share
image's rendition.
"""

import json
from collections.abc import Iterable

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

SHARE_IMAGE_SPEC = "fill-1200x630"


def root_url(request: HttpRequest | None) -> str:
    site = getattr(request, "_wagtail_site", None) if request else None
    if site is not None:
        return site.root_url
    from django.conf import settings

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


def share_image(image, root: str) -> dict | None:
    if image is None:
        return None
    rendition = image.get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": absolute(rendition.url, root),
        "width": rendition.width,
        "height": rendition.height,
        "alt": image.default_alt_text or "",
    }


def description_of(*candidates: str | None) -> str:
    for text in candidates:
        if text:
            return Truncator(" ".join(strip_tags(text).split())).chars(200)
    return ""


def page_seo(
    request: HttpRequest | None,
    *,
    title: str,
    description: str = "",
    path: str | None = None,
    image=None,
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
        "image": share_image(image, root),
        "jsonld": jsonld(structured),
        "feeds": [
            (feed_title, absolute(url, root), kind) for feed_title, url, kind in feeds
        ],
    }


def person(author, root: str, blog_url: str | None) -> dict:
    data = {"@type": "Person", "name": author.name}
    if blog_url:
        data["url"] = absolute(f"{blog_url}author/{author.slug}/", root)
    if author.role:
        data["jobTitle"] = author.role
    return data


def article_structured(page, extras, request, publisher: dict, blog_url) -> list:
    root = root_url(request)
    image = share_image(page.hero_image, root)
    modified = page.last_published_at or page.latest_revision_created_at
    article = {
        "@type": "Article",
        "headline": page.title,
        "description": description_of(page.search_description, page.lead),
        "datePublished": page.publication_date.isoformat(),
        "dateModified": modified.isoformat() if modified else None,
        "inLanguage": "de",
        "mainEntityOfPage": absolute(page.url, root),
        "author": [person(author, root, blog_url) for author in extras.authors],
        "publisher": organization(publisher, root),
        "timeRequired": f"PT{extras.reading_minutes}M",
        "keywords": ", ".join(tag.name for tag in extras.tags) or None,
        "articleSection": [category.name for category in extras.categories] or None,
    }
    if image:
        article["image"] = [image["url"]]
    if extras.series:
        article["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": extras.series.title,
            "url": absolute(extras.series.url, root),
        }
    article = {key: value for key, value in article.items() if value is not None}
    crumbs = [*extras.breadcrumbs, (page.title, page.url)]
    return [article, breadcrumb_list(crumbs, root)]


BOOK_FORMATS = {
    "book": "https://schema.org/Hardcover",
    "ebook": "https://schema.org/EBook",
}


def product_structured(product, price, request, publisher: dict) -> dict:
    """Book, Course or Product with its Offer, for a shop product page."""
    root = root_url(request)
    kind = product.product_class.kind if product.product_class else ""
    data = {
        "name": product.get_title(),
        "description": description_of(product.description),
        "url": absolute(product.get_absolute_url(), root),
        "sku": product.upc or None,
    }
    image = product.primary_image()
    original = getattr(image, "original", None)
    if original and getattr(image, "pk", None):
        data["image"] = absolute(original.url, root)
    offer = None
    if price is not None and getattr(price, "exists", False):
        offer = {
            "@type": "Offer",
            "price": str(price.incl_tax),
            "priceCurrency": price.currency,
            "availability": "https://schema.org/InStock",
            "url": data["url"],
            "seller": organization(publisher, root),
        }
    if kind == "course":
        data.update({"@type": "Course", "provider": organization(publisher, root)})
        if offer:
            data["offers"] = offer
            data["hasCourseInstance"] = {
                "@type": "CourseInstance",
                "courseMode": "online",
            }
    elif kind in BOOK_FORMATS:
        data.update(
            {
                "@type": "Book",
                "bookFormat": BOOK_FORMATS[kind],
                "publisher": organization(publisher, root),
            }
        )
        if product.upc and product.upc[:3] in ("978", "979"):
            data["isbn"] = product.upc
        if offer:
            data["offers"] = offer
    else:
        data["@type"] = "Product"
        if offer:
            data["offers"] = offer
    return {key: value for key, value in data.items() if value is not None}
