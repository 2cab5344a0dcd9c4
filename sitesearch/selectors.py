"""The site search over articles, pages and series, authors and products, through
Wagtail's search backend."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection, models
from django.db.models import F, IntegerField, Prefetch
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Cast
from django.utils import formats
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from blog.models import ArticleAuthor, ArticlePage, Author, SeriesPage
from core.pagination import paginate
from core.query import highlight, stream_text
from courses.models import CoursePage
from home.models import StandardPage
from pagecache.routing import only_public
from shop.product_classes import product_class_label

MAX_PAGE_RESULTS = 100
OVERVIEW_PER_KIND = 5
RESULTS_PER_PAGE = 20


class SearchKind(models.TextChoices):
    ARTICLES = "articles", _("Articles")
    PAGES = "pages", _("Pages, series and courses")
    AUTHORS = "authors", _("Authors")
    PRODUCTS = "products", _("Shop")


@dataclass
class SearchHit:
    """One result as the search page shows it, whatever kind of thing it is."""

    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    meta: str = ""


@dataclass
class SearchSection:
    kind: str
    label: str
    hits: list
    more: bool


@dataclass
class SiteSearchResults:
    """Either an overview (a few hits of every kind) or one kind, paginated."""

    query: str
    kind: str = ""
    sections: list = field(default_factory=list)
    page: object = None

    @property
    def found(self) -> bool:
        if self.page is not None:
            return bool(self.page.object_list) or self.page.number > 1
        return any(section.hits for section in self.sections)


SEARCH_CANDIDATES = 200


def newest_article_matches(query: str, limit: int | None = None) -> list[int]:
    """Ids of the newest articles whose search document contains any query word,
    read from Wagtail's index on PostgreSQL without ranking them.

    Ranking reads every match's stored text; in a big archive a common word ("Gehalt")
    matches thousands of articles, and ranking them all makes the search slower with
    every article published. Ranking only the newest `limit` matches keeps its cost
    flat; older articles are still found by a more specific query.
    """
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    words = [SearchQuery(word, config=config) for word in query.split()]
    if not words:
        return []
    document = CombinedExpression(
        F("title"), "||", F("body"), output_field=SearchVectorField()
    )
    entries = (
        IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(ArticlePage)
        )
        .annotate(document=document, page_id=Cast("object_id", IntegerField()))
        .filter(document=reduce(or_, words))
        .order_by("-page_id")
        .values_list("page_id", flat=True)
    )
    return list(entries[: limit or SEARCH_CANDIDATES])


def _article_results(query: str):
    articles = only_public(ArticlePage.objects.live()).prefetch_related(
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author").order_by(
                "sort_order"
            ),
        ),
    )
    if connection.vendor == "postgresql":
        articles = articles.filter(pk__in=newest_article_matches(query))
    return articles.search(query)


# eCourses are found beside series: a search for the course's name or one of its
# lessons' titles finds the course page, not only its product in the shop.
PAGE_RESULT_TYPES = (SeriesPage, CoursePage, StandardPage)


def _page_results(query: str) -> list:
    """Series and standard pages, best match first. Searched type by type: a search
    over all pages would match (and then drop) every article too."""
    found = []
    for model in PAGE_RESULT_TYPES:
        pages = only_public(model.objects.live()).search(query).annotate_score("score")
        found += list(pages[:MAX_PAGE_RESULTS])
    return sorted(found, key=lambda page: page.score or 0, reverse=True)


def _author_results(query: str):
    return get_search_backend().search(query, Author.objects.all())


HIT_LABELS = {
    SearchKind.ARTICLES: _("Article"),
    SearchKind.AUTHORS: _("Author"),
    SearchKind.PRODUCTS: _("Product"),
}


def _hits(kind: str, items, query: str) -> list[SearchHit]:
    label = HIT_LABELS.get(kind, SearchKind(kind).label)
    hits = []
    if kind == SearchKind.ARTICLES:
        for article in items:
            authors = ", ".join(
                link.author.name for link in article.article_authors.all()
            )
            date = formats.date_format(article.publication_date, "DATE_FORMAT")
            hits.append(
                SearchHit(
                    kind,
                    label,
                    article.title,
                    article.url,
                    highlight(f"{article.lead} {stream_text(article.body)}", query),
                    meta=" · ".join(part for part in (date, authors) if part),
                )
            )
    elif kind == SearchKind.PAGES:
        for page in items:
            text = (
                getattr(page, "lead", "")
                or getattr(page, "intro", "")
                or (page.search_description)
            )
            hits.append(
                SearchHit(
                    kind,
                    str(page.specific_class.get_verbose_name()),
                    page.title,
                    page.url,
                    highlight(text, query),
                )
            )
    elif kind == SearchKind.AUTHORS:
        for author in items:
            hits.append(
                SearchHit(
                    kind,
                    label,
                    author.name,
                    author.archive_url or "",
                    highlight(author.bio, query),
                    meta=author.role,
                )
            )
    else:
        for product in items:
            hits.append(
                SearchHit(
                    kind,
                    product_class_label(product.product_class) or label,
                    product.get_title(),
                    product.get_absolute_url(),
                    highlight(product.description, query),
                )
            )
    return hits


def _results_of(kind: str, query: str):
    if kind == SearchKind.ARTICLES:
        return _article_results(query)
    if kind == SearchKind.PAGES:
        return _page_results(query)
    if kind == SearchKind.AUTHORS:
        return _author_results(query)
    return _product_results(query)


def _product_results(query: str):
    products = (
        get_model("catalogue", "Product")
        .objects.filter(parent=None, is_public=True)
        .select_related("product_class")
    )
    return get_search_backend().search(query, products, operator="and")


def site_search(query: str, *, kind: str = "", request=None) -> SiteSearchResults:
    """Search every kind of content with Wagtail's search backend (PostgreSQL full
    text with the German configuration in production, SQLite FTS in the embedded
    default), best match first. Without `kind`, a few hits of each kind; with it,
    one kind page by page (no total is counted, see `core.pagination`)."""
    results = SiteSearchResults(query=query, kind=kind)
    if not query:
        return results
    if kind in SearchKind.values:
        page = paginate(request, _results_of(kind, query), RESULTS_PER_PAGE)
        page.object_list = _hits(kind, page.object_list, query)
        results.page = page
        return results
    for search_kind in SearchKind:
        found = list(_results_of(search_kind.value, query)[: OVERVIEW_PER_KIND + 1])
        results.sections.append(
            SearchSection(
                kind=search_kind.value,
                label=search_kind.label,
                hits=_hits(search_kind.value, found[:OVERVIEW_PER_KIND], query),
                more=len(found) > OVERVIEW_PER_KIND,
            )
        )
    return results
