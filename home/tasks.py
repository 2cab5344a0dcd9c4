"""Background tasks of the site as a whole (run by `manage.py db_worker`)."""

from django.core.management import call_command
from django_tasks import task


@task()
def search_index_refresh() -> None:
    """Rebuild the search index for every indexed model.

    Saves already queue per-object index updates; this catches up after bulk loads
    (the demo, imports) that would otherwise queue thousands of small tasks.
    """
    call_command("wagtail_update_index", verbosity=0)


@task()
def frontend_cache_purge(urls: list[str]) -> None:
    """Tell the CDN (WAGTAILFRONTENDCACHE) to forget these URLs; run in the
    background so an editor's publish never waits on a CDN's API."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.purge()
