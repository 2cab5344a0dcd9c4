"""Writes of the WordPress import that the admin starts: an uploaded export is
stored and its import queued for the worker (`tasks.import_run`, which runs
`runs.run_execute`). The import itself is `importer.Importer`."""

from django.db import transaction

from .models import ImportRun
from .tasks import import_run


def run_start(*, export, parent=None, media_dir: str = "", user=None):
    """Store the uploaded export and queue its import for the worker."""
    run = ImportRun.objects.create(
        export=export, parent=parent, media_dir=media_dir, started_by=user
    )
    transaction.on_commit(lambda: import_run.enqueue(run.pk))
    return run
