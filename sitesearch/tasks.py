"""Background work of the site search (run by `manage.py db_worker`)."""

from django.core.management import call_command
from django_tasks import task


@task()
def search_index_refresh() -> None:
    """Rebuild the search index for every indexed model.

    Saves already queue per-object index updates; this catches up after bulk loads
    (the demo, imports) that would otherwise queue thousands of small tasks.
    """
    call_command("wagtail_update_index", verbosity=0)
