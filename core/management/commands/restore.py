"""`manage.py restore ARCHIVE [--replace]`: put a backup made by `manage.py backup`
back into the configured database and storages (core/backup.py), then apply any
newer migrations."""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup archive into the database and storages."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already has tables",
        )

    def handle(self, *args, archive: str, replace: bool, **options):
        if not Path(archive).is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            report = backup_restore(source=Path(archive), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            f"Restored {report.archive}: {report.files} files, "
            f"{report.bytes / 2**20:.1f} MiB (checksums {report.seconds['verify']:.1f} "
            f"s, database {report.seconds['database']:.1f} s, files "
            f"{report.seconds['files']:.1f} s)"
        )
