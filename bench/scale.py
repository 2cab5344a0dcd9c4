"""Scale data for `make bench SCALE=1`: 100,000 articles, 1,000,000 comments on them
and 500,000 subscribers, written with bulk inserts into the bench database it is
pointed at.

Pages are inserted the way treebeard lays them out (materialised paths under the
magazine), skipping per-page `save()`; each article gets two authors, a category, a
tag and a hero image from the demo, so listings and archives carry real weight.
Comments (a third of them replies) are spread over the generated articles.
Running it again adds nothing.
"""

import io
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django

django.setup()

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from newsletter.models import Newsletter, Subscription
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from blog.models import (
    ArticleAuthor,
    ArticlePage,
    ArticlePageTag,
    Author,
    BlogIndexPage,
)
from comments.models import Comment
from comments.text import render as render_text
from newsletters.models import Subscriber
from taxonomy.models import Category

# Issue 26's sizes; bench/run.py passes each (and smaller ones for its comparison).
ARTICLES = int(os.environ.get("SCALE_ARTICLES", "100000"))
SUBSCRIBERS = int(os.environ.get("SCALE_SUBSCRIBERS", "500000"))
COMMENTS = int(os.environ.get("SCALE_COMMENTS", "1000000"))
BATCH = 1000
PREFIX = "skala-"


def log(message: str) -> None:
    print(message, flush=True)  # noqa: T201


@transaction.atomic
@transaction.atomic
def add_articles(count: int) -> int:
    index = BlogIndexPage.objects.get(slug="magazin")
    existing = ArticlePage.objects.filter(slug__startswith=PREFIX).count()
    missing = count - existing
    if missing <= 0:
        return 0
    template = ArticlePage.objects.filter(slug="fuehren-auf-distanz").first()
    authors = list(Author.objects.order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    tags = list(template.tags.all()) if template else []
    images = [
        a.hero_image_id for a in ArticlePage.objects.exclude(hero_image=None)[:12]
    ]
    content_type = ContentType.objects.get_for_model(ArticlePage)
    now = timezone.now()
    body = json.dumps(
        [
            {
                "type": "heading_block",
                "value": {"text": "Ein Abschnitt", "level": "h2"},
            },
            {
                "type": "paragraph_block",
                "value": "<p>" + "Ein Satz zum Thema. " * 40 + "</p>",
            },
        ]
    )
    index.refresh_from_db()
    next_step = index.numchild + 1
    columns = (
        "page_ptr_id, lead, body, hero_image_id, publication_date, sell_as_pdf, "
        "comments_open, course_eligible, learning_tasks"
    )
    table = ArticlePage._meta.db_table
    insert = (
        f"INSERT INTO {table} ({columns}) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s, false, true, false, '[]')"
    )
    for start in range(existing, count, BATCH):
        numbers = range(start, min(start + BATCH, count))
        pages = []
        for offset, number in enumerate(numbers):
            slug = f"{PREFIX}{number:05d}"
            pages.append(
                Page(
                    title=f"Skalierungsartikel {number}",
                    draft_title=f"Skalierungsartikel {number}",
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(
                        index.path, index.depth + 1, next_step + offset
                    ),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now - timedelta(minutes=number),
                    last_published_at=now - timedelta(minutes=number),
                    locale_id=index.locale_id,
                )
            )
        next_step += len(pages)
        Page.objects.bulk_create(pages)
        created = list(
            Page.objects.filter(slug__in=[p.slug for p in pages]).values_list(
                "pk", "slug"
            )
        )
        rows = [
            (
                pk,
                "Ein Artikel, der nur für die Lastmessung existiert.",
                body,
                images[pk % len(images)] if images else None,
                (now - timedelta(days=50 + int(slug[len(PREFIX) :]) // 20)).date(),
            )
            for pk, slug in created
        ]
        with connection.cursor() as cursor:
            cursor.executemany(insert, rows)
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(
                page_id=pk, author=authors[(pk + n) % len(authors)], sort_order=n
            )
            for pk, _slug in created
            for n in range(2)
        )
        ArticlePage.categories.through.objects.bulk_create(
            ArticlePage.categories.through(
                articlepage_id=pk, category_id=categories[pk % len(categories)].pk
            )
            for pk, _slug in created
        )
        if tags:
            ArticlePageTag.objects.bulk_create(
                ArticlePageTag(content_object_id=pk, tag=tags[pk % len(tags)])
                for pk, _slug in created
            )
    Page.objects.filter(pk=index.pk).update(numchild=next_step - 1)
    return missing


@transaction.atomic
def add_subscribers(count: int) -> int:
    newsletter = Newsletter.objects.get(slug="neuigkeiten")
    existing = Subscription.objects.filter(email_field__startswith=PREFIX).count()
    missing = count - existing
    now = timezone.now()
    for start in range(existing, count, BATCH * 5):
        Subscriber.objects.bulk_create(
            (
                Subscriber(email=f"{PREFIX}{number}@leser.example", confirmed_at=now)
                for number in range(start, min(start + BATCH * 5, count))
            ),
            ignore_conflicts=True,
        )
        Subscription.objects.bulk_create(
            Subscription(
                newsletter=newsletter,
                email_field=f"{PREFIX}{number}@leser.example",
                name_field=f"Leserin {number}",
                subscribed=True,
                subscribe_date=now,
            )
            for number in range(start, min(start + BATCH * 5, count))
        )
    return max(missing, 0)


@transaction.atomic
def add_comments(count: int) -> int:
    """Comments spread over the generated articles, a third of them replies (one
    and two levels deep), all approved: a busy discussion archive."""
    existing = Comment.objects.filter(email__startswith=PREFIX).count()
    missing = count - existing
    pages = list(
        ArticlePage.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)
    )
    if missing <= 0 or not pages:
        return 0
    now = timezone.now()
    html = render_text("Ein Kommentar für die Lastmessung.\n\nMit zwei Absätzen.")
    for start in range(existing, count, BATCH * 5):
        rows = [
            Comment(
                page_id=pages[number % len(pages)],
                name=f"Leserin {number}",
                email=f"{PREFIX}{number}@leser.example",
                text="Ein Kommentar für die Lastmessung.\n\nMit zwei Absätzen.",
                html=html,
                status=Comment.Status.APPROVED,
                created_at=now - timedelta(minutes=count - number),
                approved_at=now,
            )
            for number in range(start, min(start + BATCH * 5, count))
        ]
        Comment.objects.bulk_create(rows)
    # Every third comment answers the one before it on the same article.
    first = Comment.objects.filter(email__startswith=PREFIX).order_by("pk")
    ids = list(first.values_list("pk", "page_id"))
    last_on_page: dict[int, int] = {}
    replies = []
    for index, (pk, page_id) in enumerate(ids):
        if index % 3 == 2 and page_id in last_on_page:
            replies.append(Comment(pk=pk, parent_id=last_on_page[page_id]))
        last_on_page[page_id] = pk
    Comment.objects.bulk_update(replies, ["parent"], batch_size=BATCH)
    return missing


def search_index_add() -> None:
    """The generated articles in the search index. On SQLite by Wagtail's own
    indexing. On PostgreSQL, where 100,000 articles would take Wagtail a quarter
    of an hour, Wagtail indexes one period of them and the database copies the
    rest: an article's category repeats with its id modulo the number of
    categories (`add_articles`), so its body's search document is that of the
    indexed article with the same remainder; its title's is computed from the title as
    Wagtail computes it (German configuration, weight C; autocomplete: simple)."""
    generated = ArticlePage.objects.filter(slug__startswith=PREFIX).order_by("pk")
    if connection.vendor != "postgresql":
        call_command("wagtail_update_index", verbosity=0)
        return
    # Of what an article's search document holds (title, lead, body, category),
    # only the category differs between generated articles: by id modulo this.
    period = Category.objects.count() or 1
    backend = get_search_backend()
    backend.add_bulk(ArticlePage, list(generated[:period]))
    content_type = ContentType.objects.get_for_model(ArticlePage)
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    entries = IndexEntry._meta.db_table
    pages = Page._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {entries} (content_type_id, object_id, title_norm, title,
                body, autocomplete, title_text, body_text)
            SELECT %(type)s, page.id::text, model.title_norm,
                setweight(to_tsvector(%(config)s::regconfig, page.title), 'C'),
                model.body, to_tsvector('simple', page.title), page.title,
                model.body_text
            FROM {pages} page
            JOIN {entries} model ON model.content_type_id = %(type)s
                AND model.object_id::integer %% %(period)s = page.id %% %(period)s
                AND model.object_id::integer IN (
                    SELECT id FROM {pages} WHERE slug LIKE %(prefix)s
                    ORDER BY id LIMIT %(period)s)
            WHERE page.slug LIKE %(prefix)s
            ON CONFLICT (content_type_id, object_id) DO NOTHING
            """,  # noqa: S608 - table names from the models
            {
                "type": content_type.pk,
                "config": config,
                "period": period,
                "prefix": PREFIX + "%",
            },
        )


def main() -> None:
    started = time.monotonic()
    articles = add_articles(ARTICLES)
    log(f"scale: {articles} articles added ({time.monotonic() - started:.1f} s)")
    comments = add_comments(COMMENTS)
    log(f"scale: {comments} comments added ({time.monotonic() - started:.1f} s)")
    subscribers = add_subscribers(SUBSCRIBERS)
    log(f"scale: {subscribers} subscribers added ({time.monotonic() - started:.1f} s)")
    if articles:
        search_index_add()
        log(f"scale: search index written ({time.monotonic() - started:.1f} s)")
    if articles or subscribers or comments:
        # As autovacuum would after a bulk load (the search index included): the
        # planner needs the new sizes to choose between its indexes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    report = io.StringIO()
    call_command("fixtree", stdout=report)  # verifies (and would repair) the tree
    if report.getvalue().count("No problems found") != 2:
        raise SystemExit(f"page tree damaged by the bulk insert:\n{report.getvalue()}")
    log(f"scale: page tree checked ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
