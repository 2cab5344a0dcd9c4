"""Mentions whose source claimed an impossible publication date (a year-0 timestamp
that PostgreSQL stores but cannot hand back) lose that date, so the pages, lists and
review screens that read them work again."""

from datetime import UTC, datetime

from django.db import migrations
from django.db.models import Q


def implausible_dates_forget(apps, schema_editor):
    Mention = apps.get_model("comments", "Mention")
    Mention.objects.filter(
        Q(published__lt=datetime(1990, 1, 1, tzinfo=UTC))
        | Q(published__gt=datetime(2100, 1, 1, tzinfo=UTC))
    ).update(published=None)


class Migration(migrations.Migration):
    dependencies = [("comments", "0002_moderator_permissions")]

    operations = [
        migrations.RunPython(implausible_dates_forget, migrations.RunPython.noop)
    ]
