"""Reads of the editorial content, shaped so a listing's query count does not grow
with its rows: every relation a card shows is fetched with it."""

import math
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from home.blocks import heading_anchor
from images.renditions import SPECS
from images.share import share_card_spec
from pagecache.routing import only_public
from shop.product_classes import SHELF_KINDS
from shop.selectors import ProductCard, page_on_sale, product_cards
from taxonomy.models import Category

from .models import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    Author,
    BlogIndexPage,
    SeriesPage,
    archive_url,
    card_images,
)


def article_list(
    *,
    index: BlogIndexPage | None = None,
    category: Category | None = None,
    tag=None,
    author: Author | None = None,
) -> QuerySet[ArticlePage]:
    """Live, public articles, newest first, with what an article card shows."""
    return ArticlePage.objects.cards(
        index=index, category=category, tag=tag, author=author
    )


def article_authors(article: ArticlePage) -> list[Author]:
    """An article's authors in byline order, with photos and links (two queries;
    `attach_renditions` adds the photos' renditions)."""
    links = (
        ArticleAuthor.objects.filter(page_id=article.pk)
        .order_by("sort_order")
        .select_related("author__photo")
        .prefetch_related("author__social_links")
    )
    return [link.author for link in links]


def series_list() -> QuerySet[SeriesPage]:
    return (
        only_public(SeriesPage.objects.live())
        .order_by("-first_published_at")
        .prefetch_related(Prefetch("hero_image", queryset=card_images()))
    )


def series_context(series: SeriesPage) -> dict:
    """The series page's parts, how many are out, and the series' PDF offer."""
    parts = series.parts()
    return {
        "parts": parts,
        "published_parts": sum(1 for part in parts if part.live),
        "series_offer": next(iter(product_cards([], sold_from_page=series.pk)), None)
        if page_on_sale(page_id=series.pk)
        else None,
    }


def blog_index() -> BlogIndexPage | None:
    """The site's magazine, for links to archives and author pages."""
    return BlogIndexPage.objects.live().order_by("path").first()


# --- The article page -------------------------------------------------------------

WORDS_PER_MINUTE = 200
RELATED_ARTICLES = 3
SUGGESTED_PRODUCTS = 4
PAGE_IMAGE_SPECS = tuple(SPECS[size] for size in ("hero", "body", "author", "card"))


@dataclass
class SeriesNavigation:
    title: str
    url: str
    number: int
    total: int
    previous: ArticlePage | None = None
    next: ArticlePage | None = None
    parts: list = field(default_factory=list)  # every part, this one marked


@dataclass
class ArticleExtras:
    """Everything around the body of an article, loaded in a fixed number of
    queries whatever the number of authors, images, parts or products."""

    authors: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    series: SeriesNavigation | None = None
    toc: list = field(default_factory=list)
    reading_minutes: int = 1
    pdf_offer: ProductCard | None = None
    products_by_id: dict = field(default_factory=dict)
    topic_products: list = field(default_factory=list)
    end_offer: ProductCard | None = None
    related: list = field(default_factory=list)
    images: list = field(default_factory=list)
    breadcrumbs: list = field(default_factory=list)
    has_pdf_offer_block: bool = False


def _topics(page: ArticlePage) -> tuple[list, list]:
    """The article's categories and tags in one query."""
    categories = (
        Category.objects.filter(articles=page)
        .order_by()
        .annotate(kind=Value("category"))
        .values_list("kind", "pk", "name", "slug")
    )
    tags = (
        Tag.objects.filter(blog_articlepagetag_items__content_object=page)
        .order_by()
        .annotate(kind=Value("tag"))
        .values_list("kind", "pk", "name", "slug")
    )
    found_categories, found_tags = [], []
    for kind, pk, name, slug in categories.union(tags, all=True):
        item = (
            Category(pk=pk, name=name, slug=slug)
            if kind == "category"
            else Tag(pk=pk, name=name, slug=slug)
        )
        item.url = archive_url("topic" if kind == "category" else "tag", slug)
        (found_categories if kind == "category" else found_tags).append(item)
    found_categories.sort(key=lambda category: category.name)
    found_tags.sort(key=lambda tag: tag.name)
    return found_categories, found_tags


def reading_minutes(page: ArticlePage) -> int:
    """The reading time of the lead and body, counted from the body's stored data:
    no block is turned into its value, so images and products in it cost no
    query (a series page counts every part)."""
    words = len(page.lead.split())
    for block in page.body.raw_data:
        kind, value = block.get("type"), block.get("value")
        if kind == "heading_block":
            text = value.get("text", "")
        elif kind == "paragraph_block":
            text = strip_tags(value or "")
        elif kind == "callout_block":
            text = strip_tags(value.get("text", ""))
        elif kind == "quote_block":
            text = value.get("quote", "")
        else:
            continue
        words += len(text.split())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def _body_outline(page: ArticlePage) -> tuple[list, int, list, list[int], bool]:
    """Table of contents, reading time, images and picked products of the body."""
    toc, images, product_ids, has_pdf_offer = [], [], [], False
    for block in page.body:
        kind = block.block_type
        if kind == "heading_block":
            toc.append(
                {
                    "anchor": heading_anchor(block.value["text"]),
                    "text": block.value["text"],
                    "level": block.value["level"],
                }
            )
        elif kind == "image_block" and block.value["image"]:
            images.append(block.value["image"])
        elif kind == "products_block":
            product_ids += [pk for pk in block.value["products"] if pk]
        elif kind == "pdf_offer_block":
            has_pdf_offer = True
    return toc, reading_minutes(page), images, product_ids, has_pdf_offer


def attach_renditions(images: list, specs=PAGE_IMAGE_SPECS) -> None:
    """Fetch the existing renditions (of the sizes an article shows) of all `images`
    in one query and hand them to each image, as `prefetch_renditions` would for a
    single queryset."""
    images = [image for image in images if image is not None]
    if not images:
        return
    Rendition = get_image_model().get_rendition_model()
    by_image: dict[int, list] = {image.pk: [] for image in images}
    for rendition in Rendition.objects.filter(
        image_id__in=list(by_image), filter_spec__in=specs
    ):
        by_image[rendition.image_id].append(rendition)
    for image in images:
        # What Django's prefetch_related leaves behind: an evaluated queryset.
        renditions = image.renditions.all()
        renditions._result_cache = by_image[image.pk]
        renditions._prefetch_done = True
        if getattr(image, "_prefetched_objects_cache", None) is None:
            image._prefetched_objects_cache = {}
        image._prefetched_objects_cache["renditions"] = renditions


def article_extras(page: ArticlePage) -> ArticleExtras:
    """The article page's surroundings (authors, series, topics, products, related
    articles, image rights) in at most eight queries, none per item."""
    extras = ArticleExtras()
    ancestors = page.ancestors()
    extras.breadcrumbs = [(ancestor.title, ancestor.url) for ancestor in ancestors]
    extras.authors = article_authors(page)  # 2 queries: byline with photos, links
    extras.categories, extras.tags = _topics(page)  # 1
    toc, minutes, body_images, product_ids, has_offer = _body_outline(page)  # 1
    extras.toc, extras.reading_minutes = toc, minutes

    parent = ancestors[-1] if ancestors else None
    if parent is not None and parent.specific_class is SeriesPage:
        extras.series = _series_navigation(page, parent)  # 1

    # The products picked in the body and the editor's offer at the end, then
    # suggestions on the article's topics, with the product the article is sold
    # as: 1 query.
    offer_id = page.offer_id
    picked = [*product_ids, *([offer_id] if offer_id else [])]
    cards = product_cards(
        picked,
        sold_from_page=page.pk,
        topics=[category.pk for category in extras.categories],
        tag_ids=[tag.pk for tag in extras.tags],
        limit=len(picked) + SUGGESTED_PRODUCTS + 1,
    )
    extras.products_by_id = {card.pk: card for card in cards}
    extras.pdf_offer = next((card for card in cards if card.page_id == page.pk), None)
    extras.has_pdf_offer_block = has_offer
    extras.topic_products = [
        card for card in cards if card is not extras.pdf_offer and card.pk not in picked
    ][:SUGGESTED_PRODUCTS]
    extras.end_offer = _end_offer(extras, offer_id)

    extras.related = related_articles(page, extras.categories, extras.tags)  # 1
    hero = page.hero_image
    extras.images = _unique([hero, *body_images])
    # With the share card of the live revision, which the page's head asks for:
    # an image whose renditions were handed over is not looked up again, so a
    # size missing here would be drawn anew on every render.
    share = (share_card_spec(page.live_revision_id),) if page.live_revision_id else ()
    attach_renditions(  # 1
        [
            *extras.images,
            *(author.photo for author in extras.authors),
            *(article.hero_image for article in extras.related),
        ],
        specs=(*PAGE_IMAGE_SPECS, *share),
    )
    return extras


def _end_offer(extras: ArticleExtras, offer_id: int | None) -> ProductCard | None:
    """The editor's offer, else a book, e-book or course on the article's topic,
    else the article's own PDF."""
    chosen = extras.products_by_id.get(offer_id) if offer_id else None
    if chosen is not None:
        return chosen
    on_topic = (c for c in extras.topic_products if c.kind_code in SHELF_KINDS)
    return next(on_topic, None) or extras.pdf_offer


def _unique(images: list) -> list:
    seen, unique = set(), []
    for image in images:
        if image is not None and image.pk not in seen:
            seen.add(image.pk)
            unique.append(image)
    return unique


def _series_navigation(page: ArticlePage, series: Page) -> SeriesNavigation:
    parts = list(
        only_public(ArticlePage.objects.child_of(series))
        .order_by("path")
        .only("pk", "title", "slug", "url_path", "path", "depth", "live")
    )
    position = next(
        (index for index, part in enumerate(parts) if part.pk == page.pk), 0
    )
    live_before = [part for part in parts[:position] if part.live]
    live_after = [part for part in parts[position + 1 :] if part.live]
    return SeriesNavigation(
        title=series.title,
        url=series.url,
        number=position + 1,
        total=len(parts),
        previous=live_before[-1] if live_before else None,
        next=live_after[0] if live_after else None,
        parts=[
            {
                "title": part.title,
                "url": part.url if part.live else None,
                "current": part.pk == page.pk,
            }
            for part in parts
        ],
    )


def related_articles(
    page: ArticlePage, categories: list, tags: list, limit: int = RELATED_ARTICLES
) -> list[ArticlePage]:
    """The newest other articles sharing a category or a tag. Written as EXISTS
    tests, so the database walks the newest-first index and stops after `limit`
    instead of collecting every article of a large category."""
    if not categories and not tags:
        return []
    shares = Q(pk__in=[])
    if categories:
        shares |= Exists(
            ArticlePage.categories.through.objects.filter(
                articlepage_id=OuterRef("pk"),
                category_id__in=[category.pk for category in categories],
            )
        )
    if tags:
        shares |= Exists(
            ArticlePageTag.objects.filter(
                content_object_id=OuterRef("pk"), tag_id__in=[tag.pk for tag in tags]
            )
        )
    return list(
        only_public(ArticlePage.objects.live())
        .defer_streamfields()
        .filter(shares)
        .exclude(pk=page.pk)
        .select_related("hero_image")
        .order_by("-publication_date", "-pk")[:limit]
    )


def product_related_pages(product, limit: int = 4) -> list[dict]:
    """For a product page: the article or series it is sold from, then the newest
    live articles on its topics. Two queries (the page it is sold from comes with
    the product)."""
    related = []
    source = getattr(product, "page", None)
    magazine = {
        ContentType.objects.get_for_model(model).pk
        for model in (ArticlePage, SeriesPage)
    }
    if source is not None and source.live and source.content_type_id in magazine:
        # A course sold by the product is linked above, not "in the magazine".
        related.append({"title": source.title, "url": source.url})
    # The topics first, as a list: the database then knows how many articles
    # each holds and picks its plan (walk the newest articles for a busy topic,
    # collect a rare topic's few), and a product without topics asks nothing.
    # A join with DISTINCT collected and sorted every article on the topics; one
    # subquery walked all 100,000 articles of the scale data for a product with
    # no topic (220 ms).
    topics = list(product.topics.values_list("pk", flat=True)) if product.pk else []
    articles = []
    if topics:
        on_topics = ArticlePage.categories.through.objects.filter(
            category_id__in=topics
        ).values("articlepage_id")
        articles = (
            only_public(ArticlePage.objects.live())
            .filter(pk__in=on_topics)
            .exclude(pk=getattr(source, "pk", None))
            .order_by("-publication_date", "-pk")
            .only("pk", "title", "url_path", "path", "depth", "publication_date")[
                :limit
            ]
        )
    related += [{"title": article.title, "url": article.url} for article in articles]
    return related[:limit]
