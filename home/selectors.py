"""Site-wide reads: one search over articles, pages, authors and products."""

import re
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from blog.models import ArticleAuthor, ArticlePage, Author
from blog.selectors import card_images
from home.models import PublisherSettings, StandardPage
from shop.selectors import product_search

MAX_QUERY_LENGTH = 200
RESULTS_PER_SECTION = 20


@dataclass
class SiteSearchResults:
    query: str
    articles: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    products: list = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.articles)
            + len(self.pages)
            + len(self.authors)
            + len(self.products)
        )


# Quotes, brackets, stars and colons are query syntax to SQLite FTS5 and PostgreSQL's
# tsquery; a reader typing them means nothing by it, and a lone quote is a syntax error.
QUERY_NOISE = re.compile(r"[^\w\s\-'.@&+]")


def clean_query(raw: str | None) -> str:
    """What is left of a query worth searching for: words, single-spaced, bounded."""
    text = QUERY_NOISE.sub(" ", raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def site_search(query: str) -> SiteSearchResults:
    """Search every kind of content with Wagtail's search backend (PostgreSQL full
    text in production, SQLite FTS in the embedded default)."""
    results = SiteSearchResults(query=query)
    if not query:
        return results
    articles = (
        ArticlePage.objects.live()
        .public()
        .prefetch_related(
            Prefetch("hero_image", queryset=card_images()),
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by(
                    "sort_order"
                ),
            ),
        )
    )
    results.articles = list(articles.search(query)[:RESULTS_PER_SECTION])
    other_pages = (
        Page.objects.live()
        .public()
        .not_type(ArticlePage)
        .exclude(depth__lte=2)
        .specific()
    )
    results.pages = list(other_pages.search(query)[:RESULTS_PER_SECTION])
    authors = Author.objects.select_related("photo")
    results.authors = list(
        get_search_backend().search(query, authors)[:RESULTS_PER_SECTION]
    )
    results.products = list(product_search(query=query)[:RESULTS_PER_SECTION])
    return results


NAV_CACHE_KEY = "site-navigation"


def site_navigation() -> dict:
    """Links every page shows (magazine, menu pages, legal pages), cached: they change
    only when pages are published, moved or removed, which clears this entry."""
    return cache.get_or_set(NAV_CACHE_KEY, _build_navigation, 3600)


def _build_navigation() -> dict:
    from blog.selectors import blog_index

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    index = blog_index()
    menu = []
    if site is not None:
        menu = [
            {"title": page.title, "url": page.url}
            for page in Page.objects.live()
            .public()
            .in_menu()
            .child_of(site.root_page)
            .order_by("path")
            if index is None or page.pk != index.pk
        ]
    legal = {
        page.role: {"title": page.title, "url": page.url}
        for page in StandardPage.objects.live().exclude(role="").order_by("path")
    }
    return {
        "blog": {"title": index.title, "url": index.url} if index else None,
        "menu": menu,
        "legal": legal,
    }


def navigation_expire() -> None:
    cache.delete(NAV_CACHE_KEY)


def publisher_info() -> dict:
    """The publisher box and footer data, cached per fragment generation (saving the
    settings or an image expires it). A plain dict: templates need no queries."""
    from . import pagecache

    key = f"publisher:{pagecache.fragments_generation()}"
    return cache.get_or_set(key, _build_publisher_info, 3600)


def _build_publisher_info() -> dict:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"name": "Imprint"}
    publisher = PublisherSettings.for_site(site)
    info = {
        field: getattr(publisher, field)
        for field in (
            "name",
            "tagline",
            "description",
            "press_references",
            "postal_address",
        )
    }
    if publisher.logo:
        rendition = publisher.logo.get_rendition("max-200x80")
        info["logo"] = {
            "url": rendition.url,
            "width": rendition.width,
            "height": rendition.height,
            "credit": publisher.logo.credit,
        }
    return info
