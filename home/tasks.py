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


@task()
def scheduled_pages_publish() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones
    (Wagtail's `publish_scheduled`), queued every minute by `run_schedule`."""
    call_command("publish_scheduled", verbosity=0)


@task()
def licence_expiry_reminder() -> int:
    """E-mail the editors the image licences that end within 30 days, with the
    pages showing each image. Queued daily by `run_schedule`; returns how many
    licences were reported."""
    from .services import licence_reminder_send

    return licence_reminder_send()
