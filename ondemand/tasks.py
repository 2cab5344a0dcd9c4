"""Background work of courses on demand."""

from django_tasks import task

from . import services


@task()
def requests_purge() -> int:
    """Daily: requests older than a year are deleted."""
    return services.requests_purge()
