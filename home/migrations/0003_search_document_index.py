"""A GIN index on the whole search document (title || body) of Wagtail's index.

Wagtail's PostgreSQL backend matches `title || body @@ query`; with indexes on the two
columns only, PostgreSQL reads every entry of the model to find the matches. This
expression index finds them directly. SQLite (its own FTS table) needs nothing.
"""

from django.db import migrations

INDEX = "imprint_indexentry_document_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry "
            "USING gin ((title || body))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_alter_homepage_body_and_more"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
