"""A database migrated by the layout before `taxonomy` and `consent` existed (today's
data in `blog_category`, `home_policyversion`) migrates to the new layout with every
row, link and content type kept.

PostgreSQL runs schema changes inside the test's transaction, so the round trip
(back to the old layout, data written with the old models, forward again) is rolled
back afterwards. SQLite can't alter tables inside a transaction with foreign keys on.
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from oscar.core.loading import get_model

from blog.models import ArticlePage
from consent.models import PolicyVersion
from home.models import StandardPage
from taxonomy.models import Category

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the migration path is tested on PostgreSQL, where DDL is transactional",
    ),
]

# The newest migration of each app before the layout change.
OLD_LAYOUT = [
    ("blog", "0004_articlepage_pdf_product_seriespage_pdf_product_and_more"),
    ("catalogue", "0035_productclass_kind"),
    ("home", "0004_search_newest_index"),
    ("taxonomy", None),
    ("consent", None),
]


# The newest migrations before the structure change (the product link on the pages,
# the publisher's settings in `home`).
STRUCTURE_BEFORE = [
    ("blog", "0007_comments"),
    ("courses", "0002_staff_permissions"),
    ("home", "0006_bank_account_and_shop_legal_roles"),
    ("publisher", None),
]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def migrate_forward(executor: MigrationExecutor) -> None:
    """To today's migrations, with the checks of the rows the data migrations
    wrote run between them, as a deploy's transaction per migration does."""
    migrate([("blog", "0008_pdf_product_on_the_product")])
    check_pending_rows()
    migrate(executor.loader.graph.leaf_nodes())


def snapshot() -> dict:
    Product = get_model("catalogue", "Product")
    return {
        "categories": sorted(Category.objects.values_list("pk", "slug", "name")),
        "article_categories": sorted(
            ArticlePage.categories.through.objects.values_list(
                "articlepage_id", "category_id"
            )
        ),
        "product_topics": sorted(
            Product.topics.through.objects.values_list("product_id", "category_id")
        ),
        "versions": sorted(
            PolicyVersion.objects.values_list(
                "pk", "page_id", "revision_id", "role", "number", "title", "text"
            )
        ),
    }


def check_pending_rows() -> None:
    """Run the foreign-key checks of rows written in this transaction now:
    PostgreSQL alters no table while such checks are pending (a deploy, where the
    migration runs in a transaction of its own, has none)."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_old_layout_data_migrates_with_nothing_lost():
    check_pending_rows()
    before = snapshot()
    assert before["categories"] and before["article_categories"]
    assert before["product_topics"] and before["versions"]
    category_type = ContentType.objects.get_for_model(Category).pk
    version_type = ContentType.objects.get_for_model(PolicyVersion).pk

    # Back past the structure change first (its own data migration writes rows),
    # then to the old layout.
    migrate(STRUCTURE_BEFORE)
    check_pending_rows()
    executor = migrate(OLD_LAYOUT)
    old = executor.loader.project_state(
        [target for target in OLD_LAYOUT if target[1]], at_end=True
    ).apps
    # The old layout as today's main left it: content types under the old apps.
    assert ContentType.objects.get(pk=category_type).app_label == "blog"
    assert ContentType.objects.get(pk=version_type).app_label == "home"
    # Data written with the old models, after the old layout's own data.
    OldCategory = old.get_model("blog", "Category")
    OldVersion = old.get_model("home", "PolicyVersion")
    added = OldCategory.objects.create(name="Arbeitsrecht alt", slug="arbeitsrecht-alt")
    old.get_model("blog", "ArticlePage").categories.through.objects.create(
        articlepage_id=before["article_categories"][0][0], category_id=added.pk
    )
    privacy_page = StandardPage.objects.get(role="privacy")
    OldVersion.objects.create(
        page_id=privacy_page.pk,
        role="privacy",
        number=99,
        title="Datenschutz (alt)",
        text="Eine alte Fassung.",
        published_at="2025-01-01T00:00:00Z",
    )

    check_pending_rows()
    migrate_forward(executor)
    ContentType.objects.clear_cache()

    after = snapshot()
    assert set(before["categories"]) < set(after["categories"])
    assert (added.pk, "arbeitsrecht-alt", "Arbeitsrecht alt") in after["categories"]
    assert set(before["article_categories"]) < set(after["article_categories"])
    assert after["product_topics"] == before["product_topics"]
    assert set(before["versions"]) < set(after["versions"])
    kept = PolicyVersion.objects.get(number=99)
    assert kept.page.specific == privacy_page and kept.text == "Eine alte Fassung."
    # Content types keep their ids, so permissions and index entries still match.
    assert ContentType.objects.get_for_model(Category).pk == category_type
    assert ContentType.objects.get_for_model(PolicyVersion).pk == version_type
    article = ArticlePage.objects.get(pk=before["article_categories"][0][0])
    assert "arbeitsrecht-alt" in {
        category.slug for category in article.categories.all()
    }
