"""The worker's side of an import started in the admin: the export is imported
(`importer.Importer`) with its progress written to the `ImportRun` as it goes."""

import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.utils import timezone

from . import wxr
from .importer import Importer
from .models import ImportRun


def run_execute(run_id: int) -> str:
    """Import the run's export, writing the progress as it goes."""
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)

    def progress(stage: str, done: int, total: int) -> None:
        if done % 25 == 0:
            ImportRun.objects.filter(pk=run.pk).update(stage=stage, done=done)

    try:
        with _local_copy(run.export) as path:
            summary = Importer(
                path,
                parent=run.parent.specific if run.parent else None,
                media_dir=Path(run.media_dir) if run.media_dir else None,
                progress=progress,
                user=run.started_by,
            ).run()
    except wxr.WxrError as error:
        ImportRun.objects.filter(pk=run.pk).update(
            status=ImportRun.Status.FAILED,
            problems=[str(error)],
            finished_at=timezone.now(),
        )
        return ImportRun.Status.FAILED
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.DONE,
        summary=summary.counts,
        problems=summary.problems[:500],
        finished_at=timezone.now(),
    )
    return ImportRun.Status.DONE


@contextmanager
def _local_copy(field_file):
    """The export as a local file: in place on disk, else (S3) copied to a
    temporary file chunk by chunk, never into memory."""
    try:
        local = Path(field_file.path)
    except NotImplementedError:  # a storage without local files
        local = None
    if local is not None:
        yield local
        return
    with tempfile.NamedTemporaryFile(suffix=".xml") as copy:
        with field_file.open("rb") as source:
            for chunk in source.chunks():
                copy.write(chunk)
        copy.flush()
        yield Path(copy.name)
