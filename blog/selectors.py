"""Reads of the editorial content, shaped so a listing's query count does not grow
with its rows: every relation a card shows is fetched with it."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from wagtail.images import get_image_model

from .models import (
    ArticleAuthor,
    ArticlePage,
    Author,
    BlogIndexPage,
    Category,
    SeriesPage,
)

CARD_IMAGE_FILTER = "fill-640x360"


def card_images() -> QuerySet:
    return get_image_model().objects.prefetch_renditions(CARD_IMAGE_FILTER)


def article_list(
    *,
    index: BlogIndexPage | None = None,
    category: Category | None = None,
    tag=None,
    author: Author | None = None,
) -> QuerySet[ArticlePage]:
    """Live, public articles, newest first, with what an article card shows."""
    articles = ArticlePage.objects.live().public()
    if index is not None:
        articles = articles.descendant_of(index)
    if category is not None:
        articles = articles.filter(categories=category)
    if tag is not None:
        articles = articles.filter(tags=tag)
    if author is not None:
        articles = articles.filter(article_authors__author=author)
    return articles.order_by("-publication_date", "-pk").prefetch_related(
        Prefetch("hero_image", queryset=card_images()),
        Prefetch(
            "article_authors",
            queryset=ArticleAuthor.objects.select_related("author").order_by(
                "sort_order"
            ),
        ),
        "categories",
    )


def article_authors(article: ArticlePage) -> list[Author]:
    """An article's authors in byline order, with photo renditions and links."""
    links = (
        ArticleAuthor.objects.filter(page_id=article.pk)
        .order_by("sort_order")
        .select_related("author")
        .prefetch_related(
            "author__social_links",
            Prefetch("author__photo", queryset=author_photos()),
        )
    )
    return [link.author for link in links]


def author_photos() -> QuerySet:
    return get_image_model().objects.prefetch_renditions("fill-160x160")


def series_list() -> QuerySet[SeriesPage]:
    return (
        SeriesPage.objects.live()
        .public()
        .order_by("-first_published_at")
        .prefetch_related(Prefetch("hero_image", queryset=card_images()))
    )


def series_parts(series: SeriesPage) -> list[ArticlePage]:
    """All parts in tree order, the scheduled ones included, so the series page can
    show which are published and which are upcoming."""
    return list(
        ArticlePage.objects.child_of(series)
        .public()
        .order_by("path")
        .prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author").order_by(
                    "sort_order"
                ),
            )
        )
    )


def blog_index() -> BlogIndexPage | None:
    """The site's magazine, for links to archives and author pages."""
    return BlogIndexPage.objects.live().order_by("path").first()


def paginate(request: HttpRequest, items, per_page: int) -> PaginatorPage:
    """A page of `items`; a missing, junk or out-of-range ?page= gives the nearest
    valid page rather than an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
