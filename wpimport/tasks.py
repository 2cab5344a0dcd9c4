"""Background work of the WordPress import."""

from django_tasks import task


@task()
def import_run(run_id: int) -> str:
    """An import started in the admin (its page shows the progress)."""
    from .runs import run_execute

    return run_execute(run_id)
