"""Background work of the site as a whole (run by `manage.py db_worker`)."""

from django.core.management import call_command
from django_tasks import task


@task()
def scheduled_pages_publish() -> None:
    """Publish pages whose go-live time has come and unpublish expired ones
    (Wagtail's `publish_scheduled`), queued every minute by `run_schedule`."""
    call_command("publish_scheduled", verbosity=0)
