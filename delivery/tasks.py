"""Background work of delivery: rendering editions, never in a web request."""

from django_tasks import task


@task()
def edition_render(edition_id: int) -> str:
    """Render one edition (core.pdf limits apply); the thank-you page and the
    account show the links once it is ready."""
    from . import editions

    return editions.edition_render(edition_id).status
