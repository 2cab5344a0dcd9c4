"""Comments closing by age: the cached page must stop offering the form."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import get_page_models

from pagecache.services import page_cache_purge

from . import selectors


def comments_close_due(today=None) -> int:
    """Purge the cached pages whose comments closed by age since yesterday, so
    readers see "closed" instead of a form that would refuse them. Run daily."""
    rules = selectors.comment_settings()
    if not rules.close_after_days:
        return 0
    today = today or timezone.localdate()
    published_from = today - timedelta(days=rules.close_after_days + 1)
    published_to = today - timedelta(days=rules.close_after_days)
    pages = []
    for model in get_page_models():
        fields = {f.name for f in model._meta.get_fields()}
        if "comments_open" not in fields or model._meta.abstract:
            continue
        live = model.objects.live().filter(comments_open=True)
        if "publication_date" in fields:
            live = live.filter(publication_date__range=(published_from, published_to))
        else:
            live = live.filter(
                first_published_at__date__range=(published_from, published_to)
            )
        pages += list(live)
    if pages:
        page_cache_purge(pages=pages)
    return len(pages)
