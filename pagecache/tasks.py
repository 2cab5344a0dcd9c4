"""Background work of the page cache (run by `manage.py db_worker`)."""

from django_tasks import task
from wagtail.contrib.frontend_cache.utils import PurgeBatch


@task()
def frontend_cache_purge(urls: list[str]) -> None:
    """Tell the CDN (WAGTAILFRONTENDCACHE) to forget these URLs; run in the
    background so an editor's publish never waits on a CDN's API."""
    batch = PurgeBatch()
    batch.add_urls(urls)
    batch.purge()
