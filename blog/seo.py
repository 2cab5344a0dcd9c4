"""What search engines read about an article: schema.org Article with its authors,
publisher, series and breadcrumbs, built from the article's extras (no query of its
own beyond the share image's rendition)."""

from core.seo import (
    absolute,
    breadcrumb_list,
    description_of,
    organization,
    root_url,
    share_image,
)
from images.renditions import SPECS


def person(author, root: str, archive_url: str | None) -> dict:
    data = {"@type": "Person", "name": author.name}
    if archive_url:
        data["url"] = absolute(archive_url, root)
    if author.role:
        data["jobTitle"] = author.role
    return data


def article_structured(page, extras, request, publisher: dict) -> list:
    root = root_url(request)
    image = share_image(page.hero_image, root, SPECS["hero"])
    modified = page.last_published_at or page.latest_revision_created_at
    article = {
        "@type": "Article",
        "headline": page.title,
        "description": description_of(page.search_description, page.lead),
        "datePublished": page.publication_date.isoformat(),
        "dateModified": modified.isoformat() if modified else None,
        "inLanguage": "de",
        "mainEntityOfPage": absolute(page.url, root),
        "author": [
            person(author, root, author.archive_url) for author in extras.authors
        ],
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
