"""Reads of the pages that lead readers in: the front page's sections, the topic,
author and series landing pages, and the authors' index.

Each costs a fixed number of queries whatever the number of articles, series,
authors or products: every relation a card shows is fetched with its cards, and
the front page loads all sections of a kind together."""

from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from home.sections import HomeSection
from images.renditions import SPECS
from pagecache.routing import only_public
from shop.product_classes import SHELF_KINDS
from shop.selectors import product_cards
from taxonomy.models import Category

from .models import (
    ArticlePage,
    Author,
    AuthorBook,
    ReadingMark,
    SeriesPage,
    archive_url,
)
from .selectors import attach_renditions, series_list

SERIES_ON_SHELF = 3
AUTHORS_IN_STRIP = 6
TOPIC_PRODUCTS = 8
TOPIC_SERIES = 4


# --- cards --------------------------------------------------------------------


def _live_articles():
    """The ids of the live, public articles, for counting and filtering in SQL."""
    return only_public(ArticlePage.objects.live()).values("pk")


def _in_order(objects, ids: list[int]) -> list:
    """`objects` (a queryset filtered to `ids`) in the order the editor chose."""
    position = {pk: index for index, pk in enumerate(ids)}
    return sorted(objects, key=lambda item: position[item.pk])


def topic_links(categories) -> list[dict]:
    """Topics as the links templates show (name, URL of the topic page, number
    of articles where counted)."""
    return [
        {
            "name": category.name,
            "url": archive_url("topic", category.slug),
            "count": getattr(category, "article_count", None),
        }
        for category in categories
    ]


def article_kicker(article: ArticlePage) -> dict | None:
    """The topic over an article's title: its first category (prefetched)."""
    categories = sorted(article.categories.all(), key=lambda category: category.name)
    return topic_links(categories[:1])[0] if categories else None


def series_cards(series_ids: list[int] | None = None, limit: int = SERIES_ON_SHELF):
    """Series with their cover, number of parts (the scheduled ones counted), first
    live part and PDF offer: three queries (series with counts, covers with
    renditions) and one for the prices."""
    children = ArticlePage.objects.filter(
        path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1
    )
    public_children = only_public(children)
    series = series_list().annotate(
        parts_total=Coalesce(
            Subquery(
                public_children.order_by()
                .values("depth")
                .annotate(total=Count("pk"))
                .values("total")[:1]
            ),
            0,
        ),
        first_part_slug=Subquery(
            public_children.filter(live=True).order_by("path").values("slug")[:1]
        ),
    )
    if series_ids:
        found = _in_order(series.filter(pk__in=series_ids), series_ids)
    else:
        found = list(series[:limit])
    if not found:
        return []
    offers = {
        card.page_id: card
        for card in product_cards([], sold_from_page=[item.pk for item in found])
        if card.page_id
    }
    for item in found:
        item.first_part_url = (
            f"{item.url}{item.first_part_slug}/" if item.first_part_slug else None
        )
        item.series_offer = offers.get(item.pk)
    return found


# --- the front page -------------------------------------------------------------


def home_sections_fill(request, sections: list[HomeSection]) -> None:
    """Load what the magazine's sections of the front page show: the lead story
    and further stories (never the same article twice), series, topics and
    authors."""
    _stories_fill([s for s in sections if s.kind in ("lead_story", "stories")])
    for section in sections:
        if section.kind == "series_shelf":
            chosen = [page.pk for page in section.value["series"] if page]
            cards = series_cards(chosen or None)
            if cards:
                section.fill(heading=section.value["heading"], series=cards)
        elif section.kind == "topics":
            chosen = [category.pk for category in section.value["topics"] if category]
            topics = topics_with_counts(chosen or None)
            if topics:
                section.fill(heading=section.value["heading"], topics=topics)
        elif section.kind == "authors":
            chosen = [author.pk for author in section.value["authors"] if author]
            authors = authors_strip(chosen or None)
            if authors:
                section.fill(heading=section.value["heading"], authors=authors)


def _stories_fill(sections: list[HomeSection]) -> None:
    if not sections:
        return
    wanted = sum(
        section.value["count"] if section.kind == "stories" else 1
        for section in sections
    )
    newest = list(ArticlePage.objects.cards()[:wanted])
    chosen_ids = [
        section.value["article"].pk
        for section in sections
        if section.kind == "lead_story" and section.value["article"]
    ]
    missing = [pk for pk in chosen_ids if pk not in {a.pk for a in newest}]
    chosen = {a.pk: a for a in newest}
    if missing:
        chosen.update(
            {a.pk: a for a in ArticlePage.objects.cards().filter(pk__in=missing)}
        )
    used: set[int] = set(chosen_ids)
    leads = []
    for section in sections:
        if section.kind != "lead_story":
            continue
        article = section.value["article"]
        lead = chosen.get(article.pk) if article else None
        if lead is None:
            lead = next((a for a in newest if a.pk not in used), None)
        if lead is None:
            continue
        used.add(lead.pk)
        leads.append(lead)
        section.fill(article=lead, kicker=article_kicker(lead))
    # The lead's big picture: its hero rendition, one query for every lead.
    attach_renditions(
        [lead.hero_image for lead in leads], specs=(SPECS["hero"], SPECS["card"])
    )
    for section in sections:
        if section.kind != "stories":
            continue
        topic = section.value["topic"]
        count = section.value["count"]
        if topic is None:
            pool = newest
        else:
            pool = list(ArticlePage.objects.cards(category=topic)[: count + len(used)])
        articles = [a for a in pool if a.pk not in used][:count]
        used.update(a.pk for a in articles)
        if articles:
            for article in articles:
                article.kicker = article_kicker(article)
            section.fill(
                heading=section.value["heading"],
                articles=articles,
                topic=topic_links([topic])[0] if topic else None,
            )


def topics_with_counts(category_ids: list[int] | None = None) -> list[dict]:
    """Topics with the number of live articles on each: one query. With no
    choice, every topic that has an article."""
    categories = Category.objects.annotate(
        article_count=Count(
            "articles", filter=Q(articles__in=_live_articles()), distinct=True
        )
    )
    if category_ids:
        found = _in_order(categories.filter(pk__in=category_ids), category_ids)
    else:
        found = list(categories.filter(article_count__gt=0).order_by("name"))
    return topic_links(found)


def authors_strip(author_ids: list[int] | None = None) -> list[Author]:
    """Authors with photo: the chosen ones, or those of the newest articles. Two
    queries (authors, the photos' renditions)."""
    authors = Author.objects.select_related("photo").annotate(
        latest=Max(
            "article_links__page__publication_date",
            filter=Q(article_links__page__in=_live_articles()),
        )
    )
    if author_ids:
        found = _in_order(authors.filter(pk__in=author_ids), author_ids)
    else:
        found = list(
            authors.filter(latest__isnull=False).order_by("-latest", "name")[
                :AUTHORS_IN_STRIP
            ]
        )
    attach_renditions([author.photo for author in found], specs=(SPECS["author"],))
    return found


# --- landing pages --------------------------------------------------------------


def topic_landing(category: Category, page_number: int) -> dict:
    """Beside a topic's articles (first page only): its series and the books,
    e-books and courses on it. Three queries and one for the prices."""
    if page_number > 1:
        return {}
    on_topic = ArticlePage.objects.filter(
        path__startswith=OuterRef("path"),
        depth=OuterRef("depth") + 1,
        live=True,
        categories=category,
    )
    series_ids = list(
        only_public(SeriesPage.objects.live())
        .filter(Exists(on_topic))
        .order_by("-first_published_at")
        .values_list("pk", flat=True)[:TOPIC_SERIES]
    )
    return {
        "topic_series": series_cards(series_ids) if series_ids else [],
        "topic_products": product_cards(
            [],
            topics=[category.pk],
            product_kinds=SHELF_KINDS,
            limit=TOPIC_PRODUCTS,
        ),
    }


def author_landing(author: Author) -> dict:
    """Beside an author's articles: their books with prices, and their photo's
    rendition. Two queries."""
    product_ids = list(
        AuthorBook.objects.filter(author=author)
        .order_by("sort_order")
        .values_list("product_id", flat=True)
    )
    attach_renditions([author.photo], specs=(SPECS["author"],))
    return {"author_books": product_cards(product_ids) if product_ids else []}


def author_index() -> list[Author]:
    """Every author who has a live article, with the count, photo and role, by
    name: two queries."""
    authors = list(
        Author.objects.select_related("photo")
        .annotate(
            article_count=Count(
                "article_links",
                filter=Q(article_links__page__in=_live_articles()),
                distinct=True,
            )
        )
        .filter(article_count__gt=0)
        .order_by("name")
    )
    attach_renditions([author.photo for author in authors], specs=(SPECS["author"],))
    return authors


def series_read_ids(series: SeriesPage, user) -> set[int]:
    """The parts of the series a logged-in reader has opened (one query); none
    for anyone else."""
    if user is None or not user.is_authenticated:
        return set()
    return set(
        ReadingMark.objects.filter(
            user=user,
            page__path__startswith=series.path,
            page__depth=series.depth + 1,
        ).values_list("page_id", flat=True)
    )
