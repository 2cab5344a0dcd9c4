"""Site-wide reads: one search over articles, pages, authors and products."""

import re
from dataclasses import dataclass, field

from django.db.models import Prefetch
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from blog.models import ArticleAuthor, ArticlePage, Author
from blog.selectors import card_images
from home.models import StandardPage
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


def menu_pages(request) -> list[Page]:
    """The home page's children marked "show in menus", for the header."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    return list(
        Page.objects.live().public().in_menu().child_of(site.root_page).order_by("path")
    )


def legal_pages() -> dict[str, StandardPage]:
    """The imprint, privacy policy and debate rules by role, for footer and forms."""
    pages = StandardPage.objects.live().exclude(role="")
    return {page.role: page for page in pages}
