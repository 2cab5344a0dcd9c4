"""Reads of the WordPress import: the runs, and the imported pages that still
hold content to review (a `review_block`), counted live from their bodies, so a
page an editor fixed drops out at once."""

from django.db.models import TextField
from django.db.models.functions import Cast

from blog.models import ArticlePage
from home.models import StandardPage

from .models import ImportRun, WpObject


def pages_to_review() -> list:
    """Imported articles and pages whose current text holds a review block. Two
    queries."""
    ids = [
        int(pk)
        for pk in WpObject.objects.filter(kind__in=["post", "page"]).values_list(
            "object_id", flat=True
        )
    ]
    found = []
    for model in (ArticlePage, StandardPage):
        found += list(
            model.objects.filter(pk__in=ids)
            .annotate(body_text=Cast("body", TextField()))
            .filter(body_text__contains="review_block")
            .only("pk", "title", "live")
            .order_by("title")
        )
    return found


def runs_recent(limit: int = 20):
    return ImportRun.objects.select_related("started_by")[:limit]
