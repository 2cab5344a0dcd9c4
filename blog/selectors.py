"""Reads of the editorial content, shaped so a listing's query count does not grow
with its rows: every relation a card shows is fetched with it."""

from dataclasses import dataclass

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


@dataclass
class ListingPage:
    """One page of a listing, with newer/older links but no total.

    Counting every article of a large archive (thousands for a prolific author) costs
    more than showing twelve of them; one extra row tells whether an older page
    exists. Has the attributes `includes/pagination.html` reads from Django's pages.
    """

    object_list: list
    number: int
    has_next: bool
    paginator = None

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def paginate(request: HttpRequest, items, per_page: int) -> ListingPage:
    """A page of `items`; a missing or junk ?page= gives the first page, one past
    the end an empty page that links back."""
    try:
        number = max(1, min(int(request.GET.get("page", 1)), 10_000))
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(items[start : start + per_page + 1])
    return ListingPage(rows[:per_page], number, len(rows) > per_page)
