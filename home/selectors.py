"""Site-wide reads: the search over articles, pages, authors and products, and the
navigation and publisher data every page shows."""

import re
from dataclasses import dataclass, field

from django.db import connection, models
from django.db.models import Prefetch
from django.utils import formats
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from blog.models import ArticleAuthor, ArticlePage, Author, SeriesPage
from home.models import PublisherSettings, StandardPage
from home.routing import only_public

MAX_QUERY_LENGTH = 200
MAX_PAGE_RESULTS = 100
OVERVIEW_PER_KIND = 5
RESULTS_PER_PAGE = 20
SNIPPET_CHARS = 240


class SearchKind(models.TextChoices):
    ARTICLES = "articles", _("Articles")
    PAGES = "pages", _("Pages and series")
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


# Quotes, brackets, stars and colons are query syntax to SQLite FTS5 and PostgreSQL's
# tsquery; a reader typing them means nothing by it, and a lone quote is a syntax error.
QUERY_NOISE = re.compile(r"[^\w\s\-'.@&+]")


def clean_query(raw: str | None) -> str:
    """What is left of a query worth searching for: words, single-spaced, bounded."""
    text = QUERY_NOISE.sub(" ", (raw or "").replace("\x00", " "))
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def highlight(text: str, query: str, length: int = SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first match, with every word that
    starts like a query word in <mark>. Prefix matching stands in for the stemming
    the database did: "Gehalts" and "Gehälter" are found for "Gehalt"."""
    plain = " ".join(strip_tags(text or "").split())
    stems = [
        re.escape(word[: max(3, len(word) - 2)].lower())
        for word in query.split()
        if len(word) >= 2
    ]
    if not stems:
        return escape(Truncator(plain).chars(length))
    pattern = re.compile(r"\b(?:" + "|".join(stems) + r")\w*", re.IGNORECASE)
    first = pattern.search(plain)
    start = max(0, first.start() - length // 3) if first else 0
    if start:
        start = plain.find(" ", start) + 1 or start
    excerpt = plain[start : start + length]
    cut = excerpt.rfind(" ") if len(plain) > start + length else len(excerpt)
    excerpt = excerpt[: cut if cut > 0 else len(excerpt)]
    pieces, last = [], 0
    for match in pattern.finditer(excerpt):
        pieces.append(escape(excerpt[last : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", match.group(0)))
        last = match.end()
    pieces.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if len(plain) > start + len(excerpt) else ""
    return mark_safe(prefix + "".join(str(piece) for piece in pieces) + suffix)  # noqa: S308 (pieces escaped above)


SEARCH_CANDIDATES = 200


def newest_article_matches(query: str, limit: int | None = None) -> list[int]:
    """Ids of the newest articles whose search document contains any query word,
    read from Wagtail's index on PostgreSQL without ranking them.

    Ranking reads every match's stored text; in a big archive a common word ("Gehalt")
    matches thousands of articles, and ranking them all makes the search slower with
    every article published. Ranking only the newest `limit` matches keeps its cost
    flat; older articles are still found by a more specific query.
    """
    from functools import reduce
    from operator import or_

    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.postgres.search import SearchQuery, SearchVectorField
    from django.db.models import F, IntegerField
    from django.db.models.expressions import CombinedExpression
    from django.db.models.functions import Cast
    from wagtail.search.models import IndexEntry

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


PAGE_RESULT_TYPES = (SeriesPage, StandardPage)


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


def stream_text(stream) -> str:
    """The words of a StreamField, read from its stored JSON: no block is rendered
    and no chooser is resolved, so it costs no query."""
    words = []
    for block in stream.raw_data:
        value = block.get("value")
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, dict):
            words += [v for v in value.values() if isinstance(v, str)]
    return strip_tags(" ".join(words))


def _hits(kind: str, items, query: str) -> list[SearchHit]:
    from blog.selectors import blog_index

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
        index = blog_index()
        for author in items:
            url = f"{index.url}author/{author.slug}/" if index else ""
            hits.append(
                SearchHit(
                    kind,
                    label,
                    author.name,
                    url,
                    highlight(author.bio, query),
                    meta=author.role,
                )
            )
    else:
        for product in items:
            hits.append(
                SearchHit(
                    kind,
                    product.product_class.name if product.product_class else label,
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
    from oscar.core.loading import get_model

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
    one kind page by page (no total is counted, see `blog.selectors.paginate`)."""
    from blog.selectors import paginate

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


def site_navigation() -> dict:
    """Links every page shows (magazine, menu pages, legal pages), kept per process
    (`home.memo`): they change only when pages are published, moved or removed,
    which bumps the structure token."""
    from . import memo

    return memo.structure.get("navigation", _build_navigation)


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


def publisher_info() -> dict:
    """The publisher box and footer data, kept per process for as long as the
    fragment generation lasts (saving the settings or an image bumps it). A plain
    dict: templates need no queries."""
    from . import memo

    return memo.fragments.get("publisher", _build_publisher_info)


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
