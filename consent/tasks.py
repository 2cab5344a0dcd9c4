"""Background work of the consent app."""

from django.conf import settings
from django_tasks import task


@task()
def unconfirmed_purge() -> int:
    """Daily: delete double opt-in requests never confirmed in time."""
    from . import services

    return services.unconfirmed_purge(days=settings.CONSENT_UNCONFIRMED_DAYS)
