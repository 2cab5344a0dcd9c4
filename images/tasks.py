"""Background work of the image-rights registry (run by `manage.py db_worker`)."""

from django_tasks import task


@task()
def licence_expiry_reminder() -> int:
    """E-mail the editors the image licences that end within 30 days, with the
    pages showing each image. Queued daily by `run_schedule`; returns how many
    licences were reported."""
    from .services import licence_reminder_send  # a task imports its service

    return licence_reminder_send()
