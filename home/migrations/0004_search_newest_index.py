"""An index on Wagtail's search entries by model and page id, newest first.

`home.selectors.newest_article_matches` asks for the newest articles containing a
word. For a common word PostgreSQL walks this index from the newest entry and stops
after enough matches; for a rare word it uses the GIN index of migration 0003.
"""

from django.db import migrations

INDEX = "imprint_indexentry_newest"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "(content_type_id, ((object_id)::integer) DESC)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("home", "0003_search_document_index")]

    operations = [migrations.RunPython(create, drop)]
